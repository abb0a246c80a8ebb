import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSubscriptions, membersOf, runState, settledRunStates, startAutoUpgradeStack, type AutoUpgradeStack, type TestFleet } from './auto-upgrade-harness.js';

/**
 * Releases announced by AKS itself (the ARM emulator publishes `NewKubernetesVersionAvailable`
 * per cluster of the region to the local Event Grid's AKS system topic) and the release
 * watcher's catch-up tick, on a virtual clock.
 */
let stack: AutoUpgradeStack;
beforeAll(async () => {
  stack = await startAutoUpgradeStack(new Date('2026-11-30T10:00:30Z'), 'AutoUpgradeAksHub');
});
afterAll(() => stack.dispose());

const runsSettled = (fleet: TestFleet, count: number) => async (): Promise<boolean> => {
  const runs = await fleet.runs();
  return runs.length >= count && runs.every((r) => settledRunStates.has(runState(r) ?? ''));
};

describe('an AKS NewKubernetesVersionAvailable event', () => {
  it('from a release in the ARM emulator leads to the Rapid profile’s run, which completes', async () => {
    const fleet = await stack.fleet('aksevent', 'brazilsouth');
    await fleet.join('m1', { kubernetesVersion: '1.33.2' });
    await fleet.join('m2', { kubernetesVersion: '1.32.6' });
    const rapid = await fleet.profile('rapid', { channel: 'Rapid' });

    stack.aks.releaseKubernetesVersion({ region: fleet.region, version: '1.33.3' });
    await stack.driveUntil('the Rapid run to settle', runsSettled(fleet, 1));

    const announced = stack.logs.filter((l) => l.category.startsWith('Function.aksReleaseEvents') && l.message.includes('intake release|cluster|'));
    const delivered = stack.grid.deliveries(appSubscriptions.aks.topic, appSubscriptions.aks.name);
    const runs = await fleet.runs();
    expect({ intakes: announced.length, delivered: delivered.map((d) => [d.statusCode, d.outcome]) }).toEqual({ intakes: 2, delivered: [[202, 'delivered'], [202, 'delivered']] });
    expect(runs.map((r) => ({ profile: r.properties.autoUpgradeProfileId, target: r.properties.managedClusterUpdate?.upgrade.kubernetesVersion, state: runState(r), members: membersOf(r).map((m) => `${m.name}: ${m.state}`) }))).toEqual([
      { profile: rapid.id, target: '1.33.3', state: 'Completed', members: ['m1: Completed', 'm2: Completed'] },
    ]);
    expect([await fleet.version('m1'), await fleet.version('m2')]).toEqual(['1.33.3', '1.33.3']);
  });
});

describe('catch-up (catchUp: true, api-version 2026-06-02-preview)', () => {
  it('brings a member that was stopped during its release run into a catch-up run once it runs again', async () => {
    const fleet = await stack.fleet('catchup', 'canadacentral');
    await fleet.join('a', { kubernetesVersion: '1.33.2' });
    await fleet.join('b', { kubernetesVersion: '1.33.2' });
    const profile = await fleet.profile('rapid', { channel: 'Rapid', catchUp: true });
    expect(profile.properties.catchUp).toBe(true);

    stack.aks.releaseKubernetesVersion({ region: fleet.region, version: '1.33.3' });
    await stack.driveUntil('member a to start upgrading', async () => membersOf((await fleet.runs())[0]).some((m) => m.name === 'a' && m.state === 'Running'));
    stack.aks.setPowerState(fleet.clusterOf('b'), 'Stopped');
    await stack.driveUntil('the release run to settle', runsSettled(fleet, 1));
    const [releaseRun] = await fleet.runs();
    expect({ state: runState(releaseRun), members: membersOf(releaseRun).map((m) => `${m.name}: ${m.state}`) }).toEqual({ state: 'Failed', members: ['a: Completed', 'b: Failed'] });
    const released = (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus;

    // While b is stopped a catch-up run could only fail again: the tick leaves the profile alone.
    await stack.watcherTick();
    expect({ runs: (await fleet.runs()).length, status: (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus }).toEqual({ runs: 1, status: released });

    stack.aks.setPowerState(fleet.clusterOf('b'), 'Running');
    await stack.watcherTick();
    await stack.driveUntil('the catch-up run to settle', runsSettled(fleet, 2));
    const catchUp = (await fleet.runs()).find((r) => r.name !== releaseRun?.name);
    expect({ target: catchUp?.properties.managedClusterUpdate?.upgrade.kubernetesVersion, profile: catchUp?.properties.autoUpgradeProfileId, state: runState(catchUp), members: membersOf(catchUp).map((m) => `${m.name}: ${m.state}`) }).toEqual({
      target: '1.33.3',
      profile: profile.id,
      state: 'Completed',
      members: ['a: Skipped', 'b: Completed'],
    });
    expect([await fleet.version('a'), await fleet.version('b')]).toEqual(['1.33.3', '1.33.3']);
    const caughtUp = (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus;
    expect(caughtUp).toMatchObject({ lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.33.3'], lastTriggerMessage: `Started update run ${catchUp?.name} for 1.33.3.` });

    // Converged: later ticks generate nothing and leave the status as the catch-up left it.
    await stack.watcherTick();
    expect({ runs: (await fleet.runs()).length, status: (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus }).toEqual({ runs: 2, status: caughtUp });
  });
});

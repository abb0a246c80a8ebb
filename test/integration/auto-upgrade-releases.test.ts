import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateRun } from '../../shared/fleet/models.js';
import { appSubscriptions, baseOffer, membersOf, offerOf, runState, settledRunStates, startAutoUpgradeStack, type AutoUpgradeStack, type TestFleet } from './auto-upgrade-harness.js';

/**
 * Auto-upgrade through the local Event Grid: release events are published to the emulator's
 * `releases` topic (or announced by the ARM emulator on its AKS system topic) and delivered to
 * the host's Event Grid webhook; the Fleet API is called with bearer tokens; time is virtual.
 * Every scenario has its own fleet in its own region, so releases of one reach no other.
 */
let stack: AutoUpgradeStack;
beforeAll(async () => {
  stack = await startAutoUpgradeStack(new Date('2026-11-30T10:00:30Z'), 'AutoUpgradeReleasesHub');
});
afterAll(() => stack.dispose());

const allSettled = (fleet: TestFleet, count: number) => async (): Promise<boolean> => {
  const runs = await fleet.runs();
  return runs.length >= count && runs.every((r) => settledRunStates.has(runState(r) ?? ''));
};
const byProfile = (runs: UpdateRun[], profileId: string): UpdateRun[] => runs.filter((r) => r.properties.autoUpgradeProfileId?.toLowerCase() === profileId.toLowerCase());

describe('the app’s Event Grid subscriptions', () => {
  it('exist for the AKS system topic and the releases topic, created after the host answered the validation handshake', () => {
    const subscriptions = [appSubscriptions.aks, appSubscriptions.releases].map(({ topic }) => stack.grid.listSubscriptions(topic).map((s) => ({ topic: s.topic, name: s.name, endpoint: new URL(s.endpoint).searchParams.get('functionName'), includedEventTypes: s.includedEventTypes })));
    expect(subscriptions).toEqual([
      [{ topic: 'aks-clusters', name: 'durable-fleet-aksreleaseevents', endpoint: 'aksReleaseEvents', includedEventTypes: ['Microsoft.ContainerService.NewKubernetesVersionAvailable', 'Microsoft.ContainerService.ClusterSupportEnding', 'Microsoft.ContainerService.ClusterSupportEnded'] }],
      [{ topic: 'releases', name: 'durable-fleet-releaseevents', endpoint: 'releaseEvents', includedEventTypes: ['DurableFleet.Releases.CatalogChanged'] }],
    ]);
  });
});

describe('a release delivered three times, shuffled with an older release', () => {
  it('generates exactly one run per matching profile, each for its own channel target, started and completed', async () => {
    // The region already offers 1.33.3 when its clusters join: only our release events announce it.
    const fleet = await stack.fleet('twochannels', 'northeurope', [...baseOffer, '1.33.3']);
    await fleet.join('canary-1', { kubernetesVersion: '1.33.2', group: 'canary' });
    await fleet.join('prod-1', { group: 'prod' });
    await fleet.join('prod-2', { group: 'prod' });
    const canary = await fleet.strategy('canary', { stages: [{ name: 'canary', groups: [{ name: 'canary' }] }] });
    const prod = await fleet.strategy('prod', { stages: [{ name: 'prod', groups: [{ name: 'prod' }] }] });
    const rapid = await fleet.profile('rapid', { channel: 'Rapid', updateStrategyId: canary });
    const stable = await fleet.profile('stable', { channel: 'Stable', updateStrategyId: prod });
    // Seed 4 holds the copies back so that the older release arrives first and interleaves with the newer.
    stack.grid.setChaos(appSubscriptions.releases.topic, appSubscriptions.releases.name, { duplicates: 2, reorderWindowMs: 20_000, seed: 4 });
    const newer = offerOf(fleet.region, [...baseOffer, '1.33.3']);
    const older = offerOf(fleet.region, baseOffer);
    await stack.publishReleases([{ id: 'northeurope-1.33.3', facts: newer }]);
    await stack.publishReleases([{ id: 'northeurope-1.33.2', facts: older }]);

    await stack.driveUntil('both runs to settle', allSettled(fleet, 2));
    stack.grid.setChaos(appSubscriptions.releases.topic, appSubscriptions.releases.name, { duplicates: 0, reorderWindowMs: 0 });

    const delivered = stack.grid.deliveries(appSubscriptions.releases.topic, appSubscriptions.releases.name).filter((d) => d.eventId.startsWith('northeurope-'));
    const runs = await fleet.runs();
    const [rapidRun] = byProfile(runs, rapid.id);
    const [stableRun] = byProfile(runs, stable.id);
    expect(delivered.map((d) => `${d.eventId}#${d.copy} ${d.outcome}`)).toEqual([
      'northeurope-1.33.2#0 delivered',
      'northeurope-1.33.3#2 delivered',
      'northeurope-1.33.2#1 delivered',
      'northeurope-1.33.3#1 delivered',
      'northeurope-1.33.2#2 delivered',
      'northeurope-1.33.3#0 delivered',
    ]);
    expect({ deliveries: delivered.length, runs: runs.length, rapidRuns: byProfile(runs, rapid.id).length, stableRuns: byProfile(runs, stable.id).length }).toEqual({ deliveries: 6, runs: 2, rapidRuns: 1, stableRuns: 1 });
    expect([rapidRun, stableRun].map((run) => ({ target: run?.properties.managedClusterUpdate, state: runState(run), members: membersOf(run).map((m) => `${m.name}: ${m.state}`) }))).toEqual([
      { target: { upgrade: { type: 'Full', kubernetesVersion: '1.33.3' }, nodeImageSelection: { type: 'Latest' } }, state: 'Completed', members: ['canary-1: Completed'] },
      { target: { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' }, nodeImageSelection: { type: 'Latest' } }, state: 'Completed', members: ['prod-1: Completed', 'prod-2: Completed'] },
    ]);
    expect([await fleet.version('canary-1'), await fleet.version('prod-1'), await fleet.version('prod-2')]).toEqual(['1.33.3', '1.32.6', '1.32.6']);
    const statuses = await Promise.all(['rapid', 'stable'].map(async (name) => (await fleet.getProfile(name)).properties.autoUpgradeProfileStatus));
    expect(statuses).toEqual([
      { lastTriggeredAt: expect.any(String), lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.33.3'], lastTriggerMessage: `Started update run ${rapidRun?.name} for 1.33.3.` },
      { lastTriggeredAt: expect.any(String), lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.32.6'], lastTriggerMessage: `Started update run ${stableRun?.name} for 1.32.6.` },
    ]);
    expect(statuses.map((s) => Date.parse(s?.lastTriggeredAt ?? '') <= stack.clock.now().getTime())).toEqual([true, true]);
  });
});

describe('an older release Event Grid delivers after a newer one was acted on', () => {
  it('creates nothing, even when the region does not offer the newer version yet', async () => {
    // The region offers up to 1.33.2: only the events announce 1.33.3 and 1.33.4, so the late
    // event's own target (1.33.3) is older than the profile's last, not pooled into the newer one.
    // (AKS does not offer 1.33.4 there either, so that run's upgrade is refused: what matters here
    // is only which runs exist.)
    const fleet = await stack.fleet('latecomer', 'southcentralus', baseOffer);
    await fleet.join('m1', { kubernetesVersion: '1.33.2' });
    const rapid = await fleet.profile('rapid', { channel: 'Rapid' });
    await stack.publishReleases([{ id: 'southcentralus-1.33.4', facts: offerOf(fleet.region, [...baseOffer, '1.33.3', '1.33.4']) }]);
    await stack.driveUntil('the newer release’s trigger', async () => (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus !== undefined);
    await stack.publishReleases([{ id: 'southcentralus-1.33.3', facts: offerOf(fleet.region, [...baseOffer, '1.33.3']) }]);
    await stack.settle();

    const delivered = stack.grid.deliveries(appSubscriptions.releases.topic, appSubscriptions.releases.name).filter((d) => d.eventId.startsWith('southcentralus-'));
    const runs = byProfile(await fleet.runs(), rapid.id);
    expect({
      delivered: delivered.map((d) => `${d.eventId} ${d.outcome}`),
      runs: runs.map((r) => r.properties.managedClusterUpdate.upgrade.kubernetesVersion),
      lastTrigger: (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus?.lastTriggerUpgradeVersions,
    }).toEqual({ delivered: ['southcentralus-1.33.4 delivered', 'southcentralus-1.33.3 delivered'], runs: ['1.33.4'], lastTrigger: ['1.33.4'] });
  });
});

describe('a disabled profile', () => {
  it('generates nothing when a release concerns its fleet', async () => {
    const fleet = await stack.fleet('paused', 'westus2', [...baseOffer, '1.33.3']);
    await fleet.join('m1');
    await fleet.profile('rapid', { channel: 'Rapid', disabled: true });
    await stack.publishReleases([{ id: 'westus2-1.33.3', facts: offerOf(fleet.region, [...baseOffer, '1.33.3']) }]);
    await stack.settle();

    const delivered = stack.grid.deliveries(appSubscriptions.releases.topic, appSubscriptions.releases.name).filter((d) => d.eventId === 'westus2-1.33.3');
    expect({ delivered: delivered.map((d) => d.outcome), runs: await fleet.runs(), status: (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus }).toEqual({ delivered: ['delivered'], runs: [], status: undefined });
  });
});

describe('a malformed release event', () => {
  it('is rejected with a logged reason, answered with success (one attempt, no dead letter) and creates nothing', async () => {
    const fleet = await stack.fleet('malformed', 'francecentral');
    await fleet.join('m1');
    await fleet.profile('rapid', { channel: 'Rapid' });
    const intakesBefore = await stack.instances('release|');
    await stack.publishRaw({ id: 'bad-1', type: 'DurableFleet.Releases.CatalogChanged', source: '/test/release-watcher', subject: 'francecentral', data: { region: 'France Central', kubernetesVersions: [{ version: 'latest' }] } });
    await stack.settle();

    const attempts = stack.grid.deliveries(appSubscriptions.releases.topic, appSubscriptions.releases.name).filter((d) => d.eventId === 'bad-1');
    expect(attempts.map(({ attempt, statusCode, outcome }) => ({ attempt, statusCode, outcome }))).toEqual([{ attempt: 1, statusCode: 202, outcome: 'delivered' }]);
    expect(stack.grid.deadLetters({ topic: appSubscriptions.releases.topic })).toEqual([]);
    const rejected = stack.logs.filter((l) => l.message.includes('Rejected a release event') && l.message.includes('bad-1'));
    expect(rejected.map((l) => ({ level: l.level, reasons: [/region: /.test(l.message), /kubernetesVersions\.0\.version/.test(l.message)] }))).toEqual([{ level: 'warning', reasons: [true, true] }]);
    expect({ intakes: await stack.instances('release|'), runs: await fleet.runs(), status: (await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus }).toEqual({ intakes: intakesBefore, runs: [], status: undefined });
  });
});

describe('generateUpdateRun', () => {
  it('creates the run for the current target without starting it; a later release for that target starts that same run', async () => {
    const fleet = await stack.fleet('generated', 'uksouth');
    await fleet.join('m1');
    const profile = await fleet.profile('rapid', { channel: 'Rapid' });
    const first = await fleet.generate('rapid');
    const again = await fleet.generate('rapid');
    await stack.settle();
    const generatedId = (first.body as { id: string }).id;
    const [created] = await fleet.runs();
    expect({ first, again: again.body, runs: (await fleet.runs()).length }).toEqual({ first: { status: 200, body: { id: generatedId } }, again: { id: generatedId }, runs: 1 });
    expect({ id: created?.id, profile: created?.properties.autoUpgradeProfileId, update: created?.properties.managedClusterUpdate, state: runState(created) }).toEqual({ id: generatedId, profile: profile.id, update: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } }, state: 'NotStarted' });

    // A new patch of an older minor, announced by AKS to the region's cluster: Rapid's target stays 1.33.2.
    stack.aks.releaseKubernetesVersion({ region: fleet.region, version: '1.31.9' });
    await stack.driveUntil('the generated run to settle', allSettled(fleet, 1));

    const runs = await fleet.runs();
    expect(runs.map((r) => ({ id: r.id, state: runState(r) }))).toEqual([{ id: generatedId, state: 'Completed' }]);
    expect((await fleet.getProfile('rapid')).properties.autoUpgradeProfileStatus).toMatchObject({ lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.33.2'], lastTriggerMessage: `Started update run ${created?.name} for 1.33.2.` });
    expect(await fleet.version('m1')).toBe('1.33.2');
  });
});

describe('members more than one minor behind', () => {
  it('are left out of a generated run (Skipped, with a message) while the others upgrade', async () => {
    const fleet = await stack.fleet('laggards', 'japaneast', [...baseOffer, '1.33.3']);
    await fleet.join('current', { kubernetesVersion: '1.32.6' });
    await fleet.join('old', { kubernetesVersion: '1.31.8' });
    await fleet.profile('rapid', { channel: 'Rapid' });
    await stack.publishReleases([{ id: 'japaneast-1.33.3', facts: offerOf(fleet.region, [...baseOffer, '1.33.3']) }]);
    await stack.driveUntil('the run to settle', allSettled(fleet, 1));

    const [run] = await fleet.runs();
    expect({ state: runState(run), members: membersOf(run) }).toEqual({
      state: 'Completed',
      members: [
        { name: 'current', state: 'Completed', message: undefined },
        { name: 'old', state: 'Skipped', message: 'Left out: the cluster runs Kubernetes 1.31.8, more than one minor behind 1.33.3; auto-upgrade never skips minors. Converge it with a manual update run first.' },
      ],
    });
    expect([await fleet.version('current'), await fleet.version('old')]).toEqual(['1.33.3', '1.31.8']);
  });
});

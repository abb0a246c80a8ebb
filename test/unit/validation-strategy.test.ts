import { describe, expect, it } from 'vitest';
import type { ApiFeatures } from '../../shared/arm/api-versions.js';
import { apiVersions, latestApiVersion } from '../../shared/arm/api-versions.js';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { FleetMember } from '../../shared/fleet/models.js';
import { validateStrategy } from '../../shared/fleet/validation/strategy.js';

const features = (version: string): ApiFeatures => {
  const found = apiVersions[version];
  if (!found) throw new Error(`no api-version ${version}`);
  return found;
};
const latest = features(latestApiVersion);
const member = (name: string, group?: string): FleetMember => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f/members/${name}`,
  name,
  type: 'Microsoft.ContainerService/fleets/members',
  properties: { clusterResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`, ...(group ? { group } : {}) },
});
const members = [member('m1', 'group-a'), member('m2', 'group-b'), member('m3', 'group-c'), member('m4')];
const base = 'properties.strategy';
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target: string) => ({ code: 'InvalidRequestContent', target: `${base}.${target}` });
const stage = (extra: object = {}) => ({ stages: [{ name: 'stage1', groups: [{ name: 'group-a' }], ...extra }] });
const group = (extra: object) => ({ stages: [{ name: 'stage1', groups: [{ name: 'group-a', ...extra }] }] });
const approval = { type: 'Approval', displayName: 'ok?' };
const scheduled = { type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+05:30' } };

/** The reference's label-based strategy (§3). */
const labelBased = {
  stages: [
    { name: 'staging', memberSelector: { byLabel: 'env=staging' } },
    {
      name: 'production',
      memberSelector: { byLabel: 'env=production' },
      maxConcurrency: '4',
      groups: [
        { name: 'frontend', memberSelector: { byLabel: 'tier=frontend' }, maxConcurrency: '3' },
        { name: 'backend', memberSelector: { byLabel: 'tier=backend' }, maxConcurrency: '3' },
      ],
    },
  ],
};

/** The reference's example run strategy (§2.8). */
const gatedExample = {
  stages: [
    {
      name: 'stage1',
      groups: [{ name: 'group-a', beforeGates: [{ displayName: 'gate before group-a', type: 'Approval' }], afterGates: [{ displayName: 'gate after group-a', type: 'Approval' }] }],
      beforeGates: [{ displayName: 'gate before stage1', type: 'Approval' }],
      afterGates: [{ displayName: 'gate after stage1', type: 'Approval' }],
      afterStageWaitInSeconds: 3600,
    },
  ],
};

describe('validateStrategy: valid strategies', () => {
  it.each([
    { name: 'reference strategy example (§3)', input: { stages: [{ name: 'stage1', groups: [{ name: 'group-a' }], afterStageWaitInSeconds: 3600 }] } },
    { name: 'reference run example with approval gates (§2.8)', input: gatedExample },
    { name: 'reference label-based strategy (§3)', input: labelBased },
    { name: 'several stages and groups', input: { stages: [{ name: 's1', groups: [{ name: 'group-a' }, { name: 'group-b' }] }, { name: 's2', groups: [{ name: 'group-c' }] }] } },
    { name: 'zero wait', input: stage({ afterStageWaitInSeconds: 0 }) },
    { name: 'int32 max wait', input: stage({ afterStageWaitInSeconds: 2147483647 }) },
    { name: 'stage maxConcurrency 50', input: stage({ maxConcurrency: '50' }) },
    { name: 'stage maxConcurrency percent', input: stage({ maxConcurrency: '33%' }) },
    { name: 'group count under a percent stage', input: { stages: [{ name: 's', maxConcurrency: '50%', groups: [{ name: 'group-a', maxConcurrency: '10' }] }] } },
    { name: 'group percent under a count stage', input: { stages: [{ name: 's', maxConcurrency: '2', groups: [{ name: 'group-a', maxConcurrency: '100%' }] }] } },
    { name: 'group count equal to stage count', input: { stages: [{ name: 's', maxConcurrency: '3', groups: [{ name: 'group-a', maxConcurrency: '3' }] }] } },
    { name: 'maxAllowedFailures count and percent', input: { stages: [{ name: 's', maxAllowedFailures: '25%', groups: [{ name: 'group-a', maxAllowedFailures: '0' }] }] } },
    { name: 'scheduled start before a stage', input: stage({ beforeGates: [scheduled] }) },
    { name: 'scheduled start before a group', input: group({ beforeGates: [scheduled] }) },
    { name: 'approval without display name', input: stage({ afterGates: [{ type: 'Approval' }] }) },
    { name: 'display name of 100 characters', input: stage({ afterGates: [{ type: 'Approval', displayName: 'd'.repeat(100) }] }) },
    { name: 'utcOffset -14:00 and +14:00', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Sunday', startTime: '23:59', utcOffset: '-14:00' } }, { type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Saturday', startTime: '00:00', utcOffset: '+14:00' } }] }) },
    { name: 'group with its own memberSelector needs no member group', input: { stages: [{ name: 's', groups: [{ name: 'nobody-here', memberSelector: { byLabel: 'tier in (a,b)' } }] }] } },
    { name: 'stage memberSelector lets groups be display names', input: { stages: [{ name: 's', memberSelector: { byLabel: 'env=prod' }, groups: [{ name: 'whatever' }] }] } },
    { name: '50 groups in a stage', input: { stages: [{ name: 's', memberSelector: { byLabel: 'env' }, groups: Array.from({ length: 50 }, (_, i) => ({ name: `g${i}` })) }] } },
  ])('$name', ({ input }) => {
    expect(validateStrategy(input, latest, { members }, base)).toEqual(input);
  });
});

describe('validateStrategy: invalid strategies', () => {
  it.each([
    { name: 'not an object', input: 'stages', want: { code: 'InvalidRequestContent', target: base } },
    { name: 'no stages property', input: {}, want: bad('stages') },
    { name: 'no stages', input: { stages: [] }, want: bad('stages') },
    { name: 'stage without a name', input: { stages: [{ groups: [{ name: 'group-a' }] }] }, want: bad('stages[0].name') },
    { name: 'stage name uppercase', input: { stages: [{ name: 'Stage1', groups: [{ name: 'group-a' }] }] }, want: bad('stages[0].name') },
    { name: 'stage name of 51 characters', input: { stages: [{ name: 's'.repeat(51), groups: [{ name: 'group-a' }] }] }, want: bad('stages[0].name') },
    { name: 'duplicate stage names', input: { stages: [{ name: 's', groups: [{ name: 'group-a' }] }, { name: 's', groups: [{ name: 'group-b' }] }] }, want: bad('stages[1].name') },
    { name: 'duplicate group in a stage', input: { stages: [{ name: 's', groups: [{ name: 'group-a' }, { name: 'group-a' }] }] }, want: bad('stages[0].groups[1].name') },
    { name: 'group in two stages', input: { stages: [{ name: 's1', groups: [{ name: 'group-a' }] }, { name: 's2', groups: [{ name: 'group-b' }, { name: 'group-a' }] }] }, want: bad('stages[1].groups[1].name') },
    { name: 'group name pattern', input: { stages: [{ name: 's', groups: [{ name: 'group_a' }] }] }, want: bad('stages[0].groups[0].name') },
    { name: 'group no member is in', input: { stages: [{ name: 's', groups: [{ name: 'group-z' }] }] }, want: bad('stages[0].groups[0].name') },
    { name: 'stage without groups or selector', input: { stages: [{ name: 's' }] }, want: bad('stages[0].groups') },
    { name: 'empty groups', input: { stages: [{ name: 's', groups: [] }] }, want: bad('stages[0].groups') },
    { name: '51 groups in a stage', input: { stages: [{ name: 's', memberSelector: { byLabel: 'env' }, groups: Array.from({ length: 51 }, (_, i) => ({ name: `g${i}` })) }] }, want: bad('stages[0].groups') },
    { name: 'negative wait', input: stage({ afterStageWaitInSeconds: -1 }), want: bad('stages[0].afterStageWaitInSeconds') },
    { name: 'fractional wait', input: stage({ afterStageWaitInSeconds: 1.5 }), want: bad('stages[0].afterStageWaitInSeconds') },
    { name: 'wait beyond int32', input: stage({ afterStageWaitInSeconds: 2147483648 }), want: bad('stages[0].afterStageWaitInSeconds') },
    { name: 'wait as a string', input: stage({ afterStageWaitInSeconds: '3600' }), want: bad('stages[0].afterStageWaitInSeconds') },
    { name: 'stage maxConcurrency 51', input: stage({ maxConcurrency: '51' }), want: bad('stages[0].maxConcurrency') },
    { name: 'stage maxConcurrency 0', input: stage({ maxConcurrency: '0' }), want: bad('stages[0].maxConcurrency') },
    { name: 'stage maxConcurrency 0%', input: stage({ maxConcurrency: '0%' }), want: bad('stages[0].maxConcurrency') },
    { name: 'maxConcurrency as a number', input: stage({ maxConcurrency: 3 }), want: bad('stages[0].maxConcurrency') },
    { name: 'group maxConcurrency over its stage', input: { stages: [{ name: 's', maxConcurrency: '4', groups: [{ name: 'group-a', maxConcurrency: '5' }] }] }, want: bad('stages[0].groups[0].maxConcurrency') },
    { name: 'group maxConcurrency over 50', input: group({ maxConcurrency: '51' }), want: bad('stages[0].groups[0].maxConcurrency') },
    { name: 'group maxConcurrency 101%', input: group({ maxConcurrency: '101%' }), want: bad('stages[0].groups[0].maxConcurrency') },
    { name: 'maxAllowedFailures negative', input: stage({ maxAllowedFailures: '-1' }), want: bad('stages[0].maxAllowedFailures') },
    { name: 'maxAllowedFailures 101%', input: group({ maxAllowedFailures: '101%' }), want: bad('stages[0].groups[0].maxAllowedFailures') },
    { name: 'unknown gate type', input: stage({ beforeGates: [{ type: 'Manual' }] }), want: bad('stages[0].beforeGates[0].type') },
    { name: 'gate without type', input: stage({ beforeGates: [{ displayName: 'x' }] }), want: bad('stages[0].beforeGates[0].type') },
    { name: 'empty display name', input: stage({ afterGates: [{ type: 'Approval', displayName: '' }] }), want: bad('stages[0].afterGates[0].displayName') },
    { name: 'display name of 101 characters', input: stage({ afterGates: [{ type: 'Approval', displayName: 'd'.repeat(101) }] }), want: bad('stages[0].afterGates[0].displayName') },
    { name: 'scheduled start as an after-gate of a stage', input: stage({ afterGates: [scheduled] }), want: bad('stages[0].afterGates[0].type') },
    { name: 'scheduled start as an after-gate of a group', input: group({ afterGates: [approval, scheduled] }), want: bad('stages[0].groups[0].afterGates[1].type') },
    { name: 'scheduled start without configuration', input: stage({ beforeGates: [{ type: 'ScheduledStart' }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration') },
    { name: 'approval with a schedule', input: stage({ beforeGates: [{ ...scheduled, type: 'Approval' }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration') },
    { name: 'bad start day', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, startDay: 'wednesday' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.startDay') },
    { name: 'start time 24:00', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, startTime: '24:00' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.startTime') },
    { name: 'start time without leading zero', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, startTime: '2:00' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.startTime') },
    { name: 'utcOffset +14:30', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, utcOffset: '+14:30' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.utcOffset') },
    { name: 'utcOffset without sign', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, utcOffset: '05:30' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.utcOffset') },
    { name: 'schedule missing utcOffset', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Monday', startTime: '01:00' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.utcOffset') },
    { name: 'bad stage selector', input: { stages: [{ name: 's', memberSelector: { byLabel: 'env in (' } }] }, want: bad('stages[0].memberSelector.byLabel') },
    { name: 'empty stage selector', input: { stages: [{ name: 's', memberSelector: { byLabel: '' } }] }, want: bad('stages[0].memberSelector.byLabel') },
    { name: 'selector over 512 characters', input: { stages: [{ name: 's', memberSelector: { byLabel: `k=${'v'.repeat(511)}` } }] }, want: bad('stages[0].memberSelector.byLabel') },
    { name: 'bad group selector', input: group({ memberSelector: { byLabel: 'tier>1' } }), want: bad('stages[0].groups[0].memberSelector.byLabel') },
    { name: 'selector without byLabel', input: group({ memberSelector: {} }), want: bad('stages[0].groups[0].memberSelector.byLabel') },
    { name: 'unknown strategy property', input: { stages: [{ name: 's', groups: [{ name: 'group-a' }] }], mode: 'fast' }, want: bad('mode') },
    { name: 'unknown stage property (typo)', input: stage({ maxConcurency: '3' }), want: bad('stages[0].maxConcurency') },
    { name: 'unknown group property', input: group({ members: ['m1'] }), want: bad('stages[0].groups[0].members') },
    { name: 'unknown gate property', input: stage({ beforeGates: [{ type: 'Approval', timeout: 'PT1H' }] }), want: bad('stages[0].beforeGates[0].timeout') },
    { name: 'unknown schedule property', input: stage({ beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { ...scheduled.scheduledStartConfiguration, timeZone: 'UTC' } }] }), want: bad('stages[0].beforeGates[0].scheduledStartConfiguration.timeZone') },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => validateStrategy(input, latest, { members }, base))).toEqual(want);
  });
});

describe('validateStrategy: fields newer than the api-version', () => {
  it.each([
    { name: 'gates need 2025-04-01-preview', version: '2025-03-01', input: stage({ beforeGates: [approval] }), want: bad('stages[0].beforeGates'), needs: '2025-04-01-preview' },
    { name: 'group gates need 2025-04-01-preview', version: '2024-04-01', input: group({ afterGates: [approval] }), want: bad('stages[0].groups[0].afterGates'), needs: '2025-04-01-preview' },
    { name: 'maxConcurrency needs 2026-02-01-preview', version: '2025-08-01-preview', input: stage({ maxConcurrency: '4' }), want: bad('stages[0].maxConcurrency'), needs: '2026-02-01-preview' },
    { name: 'memberSelector needs 2026-03-02-preview', version: '2026-02-01-preview', input: { stages: [{ name: 's', memberSelector: { byLabel: 'env=staging' } }] }, want: bad('stages[0].memberSelector'), needs: '2026-03-02-preview' },
    { name: 'ScheduledStart needs 2026-03-02-preview', version: '2026-02-01-preview', input: stage({ beforeGates: [scheduled] }), want: bad('stages[0].beforeGates[0].type'), needs: '2026-03-02-preview' },
    { name: 'maxAllowedFailures needs 2026-06-02-preview', version: '2026-05-01-preview', input: group({ maxAllowedFailures: '1' }), want: bad('stages[0].groups[0].maxAllowedFailures'), needs: '2026-06-02-preview' },
  ])('$name', ({ version, input, want, needs }) => {
    const run = () => validateStrategy(input, features(version), { members }, base);
    expect(outcome(run)).toEqual(want);
    expect(run).toThrow(`requires api-version ${needs} or later`);
  });

  it.each([
    { name: 'approval gates from 2025-04-01-preview', version: '2025-04-01-preview', input: gatedExample },
    { name: 'maxConcurrency from 2026-02-01-preview', version: '2026-02-01-preview', input: stage({ maxConcurrency: '4' }) },
    { name: 'label-based strategy from 2026-03-02-preview', version: '2026-03-02-preview', input: labelBased },
    { name: 'plain strategy on the oldest GA', version: '2023-10-15', input: stage({ afterStageWaitInSeconds: 60 }) },
  ])('accepts $name', ({ version, input }) => {
    expect(validateStrategy(input, features(version), { members }, base)).toEqual(input);
  });
});

describe('validateStrategy: messages', () => {
  it.each([
    { name: 'duplicate group names the first use', input: { stages: [{ name: 's1', groups: [{ name: 'group-a' }] }, { name: 's2', groups: [{ name: 'group-a' }] }] }, want: "'properties.strategy.stages[1].groups[0].name': group name 'group-a' is already used by properties.strategy.stages[0].groups[0]" },
    { name: 'unknown property', input: stage({ maxConcurency: '3' }), want: "'properties.strategy.stages[0]' does not allow the property 'maxConcurency'." },
    { name: 'missing name', input: { stages: [{ groups: [{ name: 'group-a' }] }] }, want: "'properties.strategy.stages[0].name' is required." },
    { name: 'group over stage', input: { stages: [{ name: 's', maxConcurrency: '4', groups: [{ name: 'group-a', maxConcurrency: '5' }] }] }, want: "exceeds its stage's maxConcurrency '4'" },
  ])('$name', ({ input, want }) => {
    expect(() => validateStrategy(input, latest, { members }, base)).toThrow(want);
  });
});

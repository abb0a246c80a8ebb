import { describe, expect, it } from 'vitest';
import { releaseTriggers, type ReleaseTrigger } from '../../shared/auto-upgrade/activities/trigger-auto-upgrade.js';
import type { ChannelTarget } from '../../shared/auto-upgrade/channel-target.js';
import type { ProfileRuntime } from '../../shared/auto-upgrade/profile-runtime.js';

const k8s = (version: string): ChannelTarget => ({ kind: 'kubernetes', version });
const images = (version: string): ChannelTarget => ({ kind: 'nodeImage', images: { 'AKSUbuntu-2204gen2containerd': version } });
const at = (seconds: number): string => new Date(Date.UTC(2026, 10, 29, 10, 0, seconds)).toISOString();
const last: ProfileRuntime = { lastTarget: k8s('1.33.4'), lastTargetRecordedAt: at(10) };

describe('releaseTriggers (which release gets its run)', () => {
  it.each<{ name: string; input: { trigger: ReleaseTrigger; runtime: ProfileRuntime | undefined }; want: boolean }>([
    { name: 'the first release of a profile', input: { trigger: { target: k8s('1.33.3'), arrivedAt: at(0) }, runtime: undefined }, want: true },
    { name: 'a newer patch', input: { trigger: { target: k8s('1.33.5'), arrivedAt: at(20) }, runtime: last }, want: true },
    { name: 'a newer patch that arrived before the last target was recorded', input: { trigger: { target: k8s('1.33.5'), arrivedAt: at(5) }, runtime: last }, want: true },
    { name: 'the same target again (another region, a re-publish)', input: { trigger: { target: k8s('1.33.4'), arrivedAt: at(5) }, runtime: last }, want: false },
    { name: 'an older patch that arrived after the newer target was recorded (delivered late)', input: { trigger: { target: k8s('1.33.3'), arrivedAt: at(20) }, runtime: last }, want: false },
    { name: 'an older patch that arrived before the newer target was recorded (in flight meanwhile)', input: { trigger: { target: k8s('1.33.3'), arrivedAt: at(5) }, runtime: last }, want: true },
    { name: 'an older patch that arrived the instant the newer target was recorded', input: { trigger: { target: k8s('1.33.3'), arrivedAt: at(10) }, runtime: last }, want: false },
    { name: 'an older patch without an arrival time (an intake from before arrivals were kept)', input: { trigger: { target: k8s('1.33.3') }, runtime: last }, want: false },
    { name: 'an older patch when the last target has no record time (recorded before record times were kept)', input: { trigger: { target: k8s('1.33.3'), arrivedAt: at(5) }, runtime: { lastTarget: k8s('1.33.4') } }, want: false },
    { name: 'a node image after a Kubernetes target', input: { trigger: { target: images('202611.01.0'), arrivedAt: at(20) }, runtime: last }, want: true },
    { name: 'an older node image that arrived late', input: { trigger: { target: images('202610.15.0'), arrivedAt: at(20) }, runtime: { lastTarget: images('202611.01.0'), lastTargetRecordedAt: at(10) } }, want: false },
  ])('$name → $want', ({ input, want }) => {
    expect(releaseTriggers(input.trigger, input.runtime)).toBe(want);
  });
});

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/host/clock.js';
import { parseTimerSchedule } from '../../local/host/ncrontab.js';
import { TimerRunner, type TimerTriggerPayload } from '../../local/host/timer-scheduler.js';

const everyFiveMinutes = parseTimerSchedule('0 */5 * * * *');

function runner(clock: VirtualClock, statusDir: string | undefined, overrides: { runOnStartup?: boolean; work?: () => Promise<void> } = {}) {
  const calls: { at: string; payload: TimerTriggerPayload }[] = [];
  const timer = new TimerRunner({
    functionName: 'tick',
    schedule: everyFiveMinutes,
    runOnStartup: overrides.runOnStartup ?? false,
    useMonitor: true,
    clock,
    statusDir,
    invoke: async (payload) => {
      calls.push({ at: clock.now().toISOString(), payload });
      await overrides.work?.();
    },
    onError: () => undefined,
  });
  return { timer, calls };
}

describe('TimerRunner', () => {
  it('fires at each occurrence with the schedule status', async () => {
    const clock = new VirtualClock(new Date('2026-03-01T10:02:00Z'));
    const { timer, calls } = runner(clock, undefined);
    await timer.start();
    await clock.advance(11 * 60_000);
    await timer.stop();
    expect(calls.map((c) => c.at)).toEqual(['2026-03-01T10:05:00.000Z', '2026-03-01T10:10:00.000Z']);
    expect(calls[1]?.payload).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: '2026-03-01T10:05:00.000Z', Next: '2026-03-01T10:10:00.000Z', LastUpdated: '2026-03-01T10:05:00.000Z' },
      IsPastDue: false,
    });
  });

  it('runs once at start when runOnStartup is set', async () => {
    const clock = new VirtualClock(new Date('2026-03-01T10:02:00Z'));
    const { timer, calls } = runner(clock, undefined, { runOnStartup: true });
    await timer.start();
    await clock.advance(1000);
    await timer.stop();
    expect(calls.map((c) => [c.at, c.payload.IsPastDue])).toEqual([['2026-03-01T10:02:00.000Z', false]]);
  });

  it('reports occurrences missed while stopped as past due once, not replayed', async () => {
    const statusDir = await mkdtemp(path.join(os.tmpdir(), 'timer-status-'));
    const clock = new VirtualClock(new Date('2026-03-01T10:02:00Z'));
    const first = runner(clock, statusDir);
    await first.timer.start();
    await clock.whenSleeping();
    await clock.advance(4 * 60_000);
    await first.timer.stop();
    expect(first.calls).toHaveLength(1);

    await clock.advance(60 * 60_000); // the host is down for an hour: twelve occurrences missed
    const second = runner(clock, statusDir);
    await second.timer.start();
    await clock.whenSleeping();
    await clock.advance(1000);
    await second.timer.stop();
    expect(second.calls.map((c) => [c.at, c.payload.IsPastDue, c.payload.ScheduleStatus?.Next])).toEqual([
      ['2026-03-01T11:06:00.000Z', true, '2026-03-01T10:10:00.000Z'],
    ]);
  });

  it('skips occurrences that pass while a run is still busy', async () => {
    const clock = new VirtualClock(new Date('2026-03-01T10:02:00Z'));
    let release: () => void = () => undefined;
    const { timer, calls } = runner(clock, undefined, {
      work: () => (calls.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    await timer.start();
    await clock.advance(3 * 60_000); // 10:05 fires and blocks
    await clock.advance(12 * 60_000); // 10:10 and 10:15 pass while busy
    release();
    await clock.advance(5 * 60_000); // 10:20
    await timer.stop();
    expect(calls.map((c) => c.at)).toEqual(['2026-03-01T10:05:00.000Z', '2026-03-01T10:20:00.000Z']);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/host/clock.js';
import { sampleAppRoot, startTestHost } from './host-harness.js';

const dataDirs: string[] = [];
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('timer triggers of an unchanged v4 app', () => {
  it('fires on its NCRONTAB schedule (from an app setting) and reports a missed occurrence as past due after a restart', async () => {
    process.env.SAMPLE_TIMER_SCHEDULE = '0 */5 * * * *';
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-timer-'));
    dataDirs.push(dataDir);
    const clock = new VirtualClock(new Date('2026-03-01T10:02:00Z'));
    const records = async (url: string): Promise<unknown[]> => (await (await fetch(`${url}/api/records`)).json()) as unknown[];

    const first = await startTestHost(sampleAppRoot, { clock, dataDir });
    await clock.whenSleeping();
    await clock.advance(6 * 60_000); // 10:05 fires; the clock stops at 10:08
    await clock.whenSleeping();
    const seenFirst = await records(first.url);
    await first.stop();

    await clock.advance(30 * 60_000); // the host is down from 10:08 to 10:38: six occurrences missed
    const second = await startTestHost(sampleAppRoot, { clock, dataDir });
    await clock.whenSleeping();
    const seenAfterRestart = await records(second.url);
    await second.dispose();

    expect(seenFirst).toEqual([{ kind: 'timer', isPastDue: false, last: '1970-01-01T00:00:00.000Z', next: '2026-03-01T10:05:00.000Z' }]);
    expect(seenAfterRestart).toEqual([
      { kind: 'timer', isPastDue: false, last: '1970-01-01T00:00:00.000Z', next: '2026-03-01T10:05:00.000Z' },
      { kind: 'timer', isPastDue: true, last: '2026-03-01T10:05:00.000Z', next: '2026-03-01T10:10:00.000Z' },
    ]);
  });
});

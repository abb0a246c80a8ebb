import { describe, expect, it } from 'vitest';
import { ActionType, type Action } from '../../local/durable/actions.js';
import { reconcile } from '../../local/durable/determinism.js';
import { EventType, historyEvent, type HistoryEvent } from '../../local/durable/history.js';
import { sequence } from '../../local/durable/sequencer.js';

const t0 = Date.parse('2026-01-01T00:00:00Z');
const day = 86_400_000;
const started = (at = t0): HistoryEvent => historyEvent(EventType.OrchestratorStarted, at);
const execStarted = historyEvent(EventType.ExecutionStarted, t0, { Name: 'o' });
const scheduled = (id: number, name: string): HistoryEvent => historyEvent(EventType.TaskScheduled, t0, { EventId: id, Name: name });
const completed = (id: number): HistoryEvent => historyEvent(EventType.TaskCompleted, t0, { TaskScheduledId: id, Result: 'null' });
const failed = (id: number): HistoryEvent => historyEvent(EventType.TaskFailed, t0, { TaskScheduledId: id, Reason: 'r', Details: 'd' });
const timerCreated = (id: number): HistoryEvent => historyEvent(EventType.TimerCreated, t0, { EventId: id, FireAt: new Date(t0).toISOString() });
const fired = (id: number): HistoryEvent => historyEvent(EventType.TimerFired, t0, { TimerId: id });
const raised = (name: string, input = '1'): HistoryEvent => historyEvent(EventType.EventRaised, t0, { Name: name, Input: input });

const call = (name: string): Action => ({ actionType: ActionType.CallActivity, functionName: name, input: '"x"' });
const retry = (name: string, max = 3): Action => ({ ...call(name), actionType: ActionType.CallActivityWithRetry, retryOptions: { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: max } });
const wait = (name: string): Action => ({ actionType: ActionType.WaitForExternalEvent, externalEventName: name });
const timer = (at: number): Action => ({ actionType: ActionType.CreateTimer, fireAt: new Date(at).toISOString(), isCanceled: false });
const all = (...compoundActions: Action[]): Action => ({ actionType: ActionType.WhenAll, compoundActions });

const options = { instanceId: 'i', maximumShortTimerMs: 6 * day, longRunningTimerIntervalMs: 3 * day, finished: false };
const ids = (history: HistoryEvent[], actions: Action[]): string[] =>
  sequence(history, actions, options).scheduled.map((s) => `${s.id} ${s.kind === 'timer' ? `timer@${(s.fireAt - t0) / 1000}s` : s.name}`);

describe('sequence ids', () => {
  it.each([
    { name: 'one id per activity, in yield order', history: [started(), execStarted, scheduled(0, 'a'), started(), completed(0)], actions: [call('a'), call('b')], want: ['0 a', '1 b'] },
    { name: 'waitForExternalEvent takes no id', history: [started(), execStarted, raised('e')], actions: [wait('e'), call('a')], want: ['0 a'] },
    { name: 'Task.all children in order', history: [started(), execStarted], actions: [all(call('a'), timer(t0 + 5000), call('b'))], want: ['0 a', '1 timer@5s', '2 b'] },
    {
      name: 'retries take a timer id and an attempt id per failure, interleaved in history order',
      history: [started(), execStarted, scheduled(0, 'a'), scheduled(1, 'b'), started(), failed(1), failed(0)],
      actions: [all(retry('a'), retry('b'))],
      want: ['0 a', '1 b', '2 timer@1s', '3 timer@1s'],
    },
    {
      name: 'a timer after the last failed attempt, then nothing more',
      history: [started(), execStarted, scheduled(0, 'a'), started(), failed(0), timerCreated(1), started(), fired(1), scheduled(2, 'a'), started(), failed(2), timerCreated(3), started(), fired(3)],
      actions: [retry('a', 2), call('after')],
      want: ['0 a', '1 timer@1s', '2 a', '3 timer@1s', '4 after'],
    },
    { name: 'a long timer starts with one sub-timer', history: [started(), execStarted], actions: [timer(t0 + 7 * day)], want: ['0 timer@259200s'] },
    {
      name: 'a long timer continues with the next sub-timer when one fires',
      history: [started(), execStarted, timerCreated(0), started(t0 + 3 * day), fired(0)],
      actions: [timer(t0 + 7 * day)],
      want: ['0 timer@259200s', '1 timer@604800s'],
    },
  ])('$name', ({ history, actions, want }) => {
    expect(ids(history, actions)).toEqual(want);
  });

  it('reports continueAsNew and the events no wait consumed', () => {
    const history = [started(), execStarted, raised('e', '1'), raised('e', '2'), raised('other', '3')];
    const result = sequence(history, [wait('e'), { actionType: ActionType.ContinueAsNew, input: '"next"' }], { ...options, finished: true });
    expect(result.continueAsNew).toEqual({ input: 'next' });
    expect(result.unconsumedEvents.map((e) => e.Input)).toEqual(['2', '3']);
  });

  it.each([ActionType.CallEntity, ActionType.SignalEntity])('refuses entity action %i', (actionType) => {
    expect(sequence([started(), execStarted], [{ actionType }], options).unsupported).toMatch(/entities are not supported by the local engine/);
  });
});

describe('reconcile', () => {
  const work = (history: HistoryEvent[], actions: Action[]): ReturnType<typeof reconcile> => reconcile(history, sequence(history, actions, options).scheduled);

  it.each([
    { name: 'nothing new', history: [started(), execStarted, scheduled(0, 'a')], actions: [call('a')], want: { newWork: [] } },
    { name: 'a new activity', history: [started(), execStarted, scheduled(0, 'a'), completed(0)], actions: [call('a'), call('b')], want: { newWork: [expect.objectContaining({ id: 1, name: 'b' })] } },
    {
      name: 'a renamed activity',
      history: [started(), execStarted, scheduled(0, 'a')], actions: [call('b')],
      want: { newWork: [], error: expect.stringMatching(/scheduled activity 'a' with sequence ID 0, but the current replay execution scheduled activity 'b'/) },
    },
    {
      name: 'a timer where an activity was',
      history: [started(), execStarted, scheduled(0, 'a')], actions: [timer(t0 + 1000)],
      want: { newWork: [], error: expect.stringMatching(/scheduled activity 'a' .* scheduled a durable timer/) },
    },
    {
      name: 'a recorded task the replay never reaches',
      history: [started(), execStarted, scheduled(0, 'a')], actions: [],
      want: { newWork: [], error: expect.stringMatching(/hasn't \(yet\?\) scheduled this task/) },
    },
  ])('$name', ({ history, actions, want }) => {
    expect(work(history, actions)).toEqual(want);
  });
});

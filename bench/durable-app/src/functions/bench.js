import * as df from 'durable-functions';

/** A no-op activity: the engine's overhead is what is measured. */
df.app.activity('benchNoop', { handler: () => null });

/** Fan-out/fan-in of `n` no-op activities. */
df.app.orchestration('benchFanOut', function* (context) {
  const n = context.df.getInput();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('benchNoop', i));
  const results = yield context.df.Task.all(tasks);
  return results.length;
});

/** A sequential chain of `n` no-op activities. */
df.app.orchestration('benchChain', function* (context) {
  const n = context.df.getInput();
  for (let i = 0; i < n; i++) yield context.df.callActivity('benchNoop', i);
  return n;
});

import type { OrchestrationContext, Task } from 'durable-functions';
import { z } from 'zod';
import type { MemberUpgradeSpec } from '../shared/activities/catalogue.js';
import { rollUpRun } from '../shared/update-run/rollup.js';
import { controlEventName } from '../shared/update-run/runtime.js';
import { callActivity, nowIso } from './call-activity.js';
import { runStage, type StageContext } from './run-stage.js';

/** The registered name. */
export const updateRunOrchestratorName = 'updateRunOrchestrator';

/** The run orchestration's input, validated: it arrives from the Fleet API's start action. */
export const updateRunInputSchema = z.strictObject({ runId: z.string().min(1), generation: z.number().int().positive() });
/** See {@link updateRunInputSchema}. */
export type UpdateRunInput = z.infer<typeof updateRunInputSchema>;

/** How the run ended. */
export interface UpdateRunResult {
  state: string;
  failureCount: number;
}

/**
 * An update run: freeze the plan (or pick up a restarted run where it stopped) → stages in
 * order, each a `runStage` → the final state by the cascading rules. Stop and skip arrive as
 * `control` events (for waits) and through the run's stored facts (for scheduling).
 */
export function* updateRunOrchestrator(context: OrchestrationContext): Generator<Task, UpdateRunResult, unknown> {
  const input = updateRunInputSchema.parse(context.df.getInput());
  const prepared = yield* callActivity(context, 'prepareRun', { runId: input.runId, generation: input.generation, now: nowIso(context) });
  if ('failed' in prepared) {
    yield* callActivity(context, 'recordRunStatus', { runId: input.runId, patches: [{ kind: 'run', status: { state: 'Failed', completedTime: nowIso(context), error: prepared.failed } }] });
    return { state: 'Failed', failureCount: 0 };
  }
  const { plan, progress } = prepared;
  const upgrade: MemberUpgradeSpec = {
    type: plan.managedClusterUpdate.upgrade.type,
    ...(plan.managedClusterUpdate.upgrade.kubernetesVersion ? { kubernetesVersion: plan.managedClusterUpdate.upgrade.kubernetesVersion } : {}),
    nodeImageSelection: plan.managedClusterUpdate.nodeImageSelection?.type ?? 'Latest',
    ...(prepared.nodeImages ? { nodeImages: prepared.nodeImages } : {}),
    ...(plan.autoUpgrade ? { leaveBehindMultiMinor: true } : {}),
  };
  let control = context.df.waitForExternalEvent(controlEventName);
  const stageContext: StageContext = {
    runId: input.runId,
    runInstance: context.df.instanceId,
    upgrade,
    progress,
    gates: { runId: input.runId, control: () => control, renewControl: () => (control = context.df.waitForExternalEvent(controlEventName)) },
  };

  let facts = yield* callActivity(context, 'recordRunStatus', { runId: input.runId, patches: [{ kind: 'run', status: { state: 'Running' } }], listen: [context.df.instanceId] });
  const states: string[] = [];
  for (const [index, stage] of plan.stages.entries()) {
    const done = progress[`stage/${index}`];
    if (done === 'Completed' || done === 'Skipped') {
      states.push(done);
      continue;
    }
    const result = yield* runStage(context, stage, index, stageContext, facts);
    facts = result.facts;
    states.push(result.state);
    if (result.state === 'Stopped' || result.state === 'Failed') break;
  }
  const failed = states.includes('Failed');
  const state = rollUpRun({ stages: states, stopRequested: facts.stopRequested && !failed, failed, finished: true });
  yield* callActivity(context, 'recordRunStatus', {
    runId: input.runId,
    patches: [{ kind: 'run', status: { state, completedTime: nowIso(context) }, failureCount: facts.failures.run }],
    unlisten: [context.df.instanceId],
  });
  return { state, failureCount: facts.failures.run };
}

import * as df from 'durable-functions';
import { updateRunOrchestratorName } from '../orchestrations/update-run-orchestrator.js';
import type { RunControl } from '../shared/fleet-api/run-control.js';
import { runGenerationInstanceId } from '../shared/update-run/instance-ids.js';

/** Runs are started and told about stops, skips and approvals through the durable client. */
export function durableRunControl(client: df.DurableClient): RunControl {
  return {
    async startRun(runId, generation) {
      await client.startNew(updateRunOrchestratorName, { instanceId: runGenerationInstanceId(runId, generation), input: { runId, generation } });
    },
    async raise(instanceIds, eventName, data) {
      // An instance that finished meanwhile answers 410, which the client accepts.
      await Promise.all(instanceIds.map((id) => client.raiseEvent(id, eventName, data).catch(() => undefined)));
    },
  };
}

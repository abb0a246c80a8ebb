/** Rules for the gates of a stage or group (reference §4.2). */
import type { ParsedGate } from './strategy-schema.js';
import { invalid } from './to-arm-error.js';

/**
 * Throws a 400 for the first invalid gate of `gates` (at `path`, the `beforeGates` or
 * `afterGates` array): a ScheduledStart gate is allowed only before a stage or group and needs
 * `scheduledStartConfiguration`; an Approval gate must not carry one.
 */
export function assertGates(gates: ParsedGate[] | undefined, timing: 'before' | 'after', path: string): void {
  gates?.forEach((gate, k) => {
    const at = `${path}[${k}]`;
    if (gate.type === 'ScheduledStart') {
      if (timing === 'after') throw invalid(`${at}.type`, `'${at}.type': a ScheduledStart gate can only be a before-gate; move it to beforeGates.`);
      if (gate.scheduledStartConfiguration === undefined) {
        throw invalid(`${at}.scheduledStartConfiguration`, `'${at}.scheduledStartConfiguration' is required for a ScheduledStart gate.`);
      }
    } else if (gate.scheduledStartConfiguration !== undefined) {
      throw invalid(`${at}.scheduledStartConfiguration`, `'${at}.scheduledStartConfiguration' is only allowed on a ScheduledStart gate, not on a${gate.type === 'Approval' ? 'n' : ''} ${gate.type} gate.`);
    }
  });
}

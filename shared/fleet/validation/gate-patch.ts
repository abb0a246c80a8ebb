/** Request body of `PATCH` on `fleets/{fleet}/gates/{guid}` (reference §4.1, §4.2). */
import { z } from 'zod';
import { invalid, parseWith } from './to-arm-error.js';

const gatePatchSchema = z.strictObject({ properties: z.strictObject({ state: z.string() }) });

/**
 * Validates a gate PATCH body: exactly `{"properties":{"state":"Completed"}}`. `Pending` and
 * `Skipped` are set by the system only; any other property or value is rejected naming the field.
 */
export function parseGatePatch(body: unknown): { state: 'Completed' } {
  const { state } = parseWith(gatePatchSchema, body, '').properties;
  if (state === 'Completed') return { state };
  const why = state === 'Pending' || state === 'Skipped' ? `'${state}' is set by the update run, not by users` : `'${state}' is not a gate state`;
  throw invalid('properties.state', `'properties.state' ${why}; send 'Completed' to approve the gate.`);
}

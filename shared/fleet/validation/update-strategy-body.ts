/** Request body of `PUT` on `fleets/{fleet}/updateStrategies/{name}` (reference §3). */
import { z } from 'zod';
import type { ApiFeatures } from '../../arm/api-versions.js';
import type { UpdateRunStrategy } from '../models.js';
import { readOnly, resourceEnvelope } from './schemas.js';
import type { StrategyContext } from './strategy.js';
import { validateStrategy } from './strategy.js';
import { parseWith } from './to-arm-error.js';

const updateStrategyPutSchema = z.strictObject({
  ...resourceEnvelope,
  properties: z.strictObject({ strategy: z.unknown(), provisioningState: readOnly }),
});

/**
 * Validates an update-strategy PUT body: `properties.strategy` is required and must pass
 * {@link validateStrategy} (target `properties.strategy`); read-only properties are ignored.
 */
export function parseUpdateStrategyPut(body: unknown, features: ApiFeatures, context: StrategyContext): { strategy: UpdateRunStrategy } {
  const { properties } = parseWith(updateStrategyPutSchema, body, '');
  return { strategy: validateStrategy(properties.strategy, features, context, 'properties.strategy') };
}

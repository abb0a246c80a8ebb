/** The `identity` (ManagedServiceIdentity) of a fleet PUT or PATCH body. */
import { z } from 'zod';
import type { ManagedServiceIdentity } from '../models.js';
import { readOnly } from './schemas.js';

const userAssignedIdentityId = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

/** The identity types ARM accepts. */
export const identityTypes = ['None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned'] as const;

/**
 * A ManagedServiceIdentity: `type` one of {@link identityTypes}; `userAssignedIdentities` keyed by
 * user-assigned identity ids, required (non-empty) for the `UserAssigned` types and forbidden for
 * the others. Read-only `principalId`, `tenantId` and per-identity ids are accepted and dropped.
 */
export const identitySchema = z
  .strictObject({
    type: z.enum(identityTypes),
    principalId: readOnly,
    tenantId: readOnly,
    userAssignedIdentities: z.record(z.string(), z.strictObject({ principalId: readOnly, clientId: readOnly })).optional(),
  })
  .check((ctx) => {
    const ids = Object.keys(ctx.value.userAssignedIdentities ?? {});
    const userAssigned = ctx.value.type.includes('UserAssigned');
    if (userAssigned && ids.length === 0) {
      ctx.issues.push({ code: 'custom', message: `must list at least one identity when type is '${ctx.value.type}'.`, path: ['userAssignedIdentities'], input: ctx.value });
    }
    if (!userAssigned && ids.length > 0) {
      ctx.issues.push({ code: 'custom', message: `is only allowed when type includes 'UserAssigned', not '${ctx.value.type}'.`, path: ['userAssignedIdentities'], input: ctx.value });
    }
    for (const id of ids.filter((k) => !userAssignedIdentityId.test(k))) {
      ctx.issues.push({ code: 'custom', message: 'must be keyed by user-assigned identity ids (…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}).', path: ['userAssignedIdentities', id], input: id });
    }
  })
  .transform((value): ManagedServiceIdentity => {
    const ids = Object.keys(value.userAssignedIdentities ?? {});
    return ids.length === 0 ? { type: value.type } : { type: value.type, userAssignedIdentities: Object.fromEntries(ids.map((id) => [id, {}])) };
  });

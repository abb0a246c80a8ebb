/** Request bodies of `PUT` and `PATCH` on `fleets/{fleet}/members/{name}` (reference §1.2). */
import { z } from 'zod';
import type { ApiFeatures } from '../../arm/api-versions.js';
import type { FleetMember } from '../models.js';
import { assertFeature } from './api-feature.js';
import { assertManagedClusterId, sameArmId } from './arm-ids.js';
import { childName, labelsSchema, readOnly, resourceEnvelope } from './schemas.js';
import { invalid, parseWith } from './to-arm-error.js';

const memberPutSchema = z.strictObject({
  ...resourceEnvelope,
  properties: z.strictObject({
    clusterResourceId: z.string(),
    group: childName.optional(),
    labels: labelsSchema.optional(),
    provisioningState: readOnly,
    status: readOnly,
    meshProperties: readOnly,
  }),
});

const memberPatchSchema = z.strictObject({
  properties: z.strictObject({ group: childName.nullable().optional(), labels: labelsSchema.optional() }),
});

/** The validated content of a member PUT. */
export interface MemberPut {
  clusterResourceId: string;
  group?: string;
  labels?: Record<string, string>;
}

/** The validated content of a member PATCH: `group: null` removes the group; `labels` replaces all labels. */
export interface MemberPatch {
  group?: string | null;
  labels?: Record<string, string>;
}

/**
 * Validates a member PUT body. `properties.clusterResourceId` is required, must be the id of a
 * `Microsoft.ContainerService/managedClusters` resource and cannot change on an existing member
 * (compared case-insensitively; the stored spelling is kept). `group` is a 1–50 character name.
 * `labels` (Kubernetes syntax) need an api-version with `features.gates`; a PUT from an older
 * api-version keeps the labels it cannot see.
 */
export function parseMemberPut(body: unknown, features: ApiFeatures, existing: FleetMember | undefined): MemberPut {
  const { properties } = parseWith(memberPutSchema, body, '');
  assertFeature(features, 'gates', properties.labels !== undefined, 'properties.labels');
  let { clusterResourceId } = properties;
  assertManagedClusterId(clusterResourceId, 'properties.clusterResourceId');
  if (existing) {
    const stored = existing.properties.clusterResourceId;
    if (!sameArmId(clusterResourceId, stored)) {
      throw invalid('properties.clusterResourceId', `'properties.clusterResourceId' cannot be changed after the member is created (it is '${stored}').`);
    }
    clusterResourceId = stored;
  }
  const labels = features.gates ? properties.labels : existing?.properties.labels;
  return {
    clusterResourceId,
    ...(properties.group !== undefined ? { group: properties.group } : {}),
    ...(labels !== undefined ? { labels } : {}),
  };
}

/**
 * Validates a member PATCH body: only `properties.group` (a name, or null to leave the group)
 * and `properties.labels` (needs `features.gates`; replaces all labels) may be sent.
 */
export function parseMemberPatch(body: unknown, features: ApiFeatures): MemberPatch {
  const { properties } = parseWith(memberPatchSchema, body, '');
  assertFeature(features, 'gates', properties.labels !== undefined, 'properties.labels');
  return {
    ...(properties.group !== undefined ? { group: properties.group } : {}),
    ...(properties.labels !== undefined ? { labels: properties.labels } : {}),
  };
}

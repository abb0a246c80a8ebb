import type { ApiFeatures } from '../arm/api-versions.js';
import type { ArmResponse, CallerPrincipal } from '../arm/arm-request.js';
import { quoteEtag } from '../arm/conditions.js';
import { shapeForVersion } from '../arm/version-shape.js';
import { resourceTypes, type ArmResource, type ResourceKind, type SystemData } from '../fleet/models.js';
import type { StoredDocument } from '../store/fleet-store.js';

/** `systemData` for a write by `caller` at `now`, keeping the creation stamp of `existing`. */
export function systemData(caller: CallerPrincipal, now: Date, existing: SystemData | undefined): SystemData {
  const by = { by: caller.name, type: caller.type === 'Key' ? 'Application' : caller.type, at: now.toISOString() };
  return {
    createdBy: existing?.createdBy ?? by.by,
    createdByType: existing?.createdByType ?? by.type,
    createdAt: existing?.createdAt ?? by.at,
    lastModifiedBy: by.by,
    lastModifiedByType: by.type,
    lastModifiedAt: by.at,
  };
}

/** A new version of a document: ARM envelope (id, name, type, systemData) around `properties`. */
export function buildDocument<P>(kind: ResourceKind, id: string, name: string, properties: P, caller: CallerPrincipal, now: Date, existing: ArmResource<P> | undefined): ArmResource<P> {
  return { id, name, type: resourceTypes[kind], systemData: systemData(caller, now, existing?.systemData), properties };
}

/** The orchestration's own fields on a stored document (never served, kept across edits). */
const runtimeKey = 'runtime';

/** The resource as the request's api-version shows it, with its `eTag` and without orchestration state. */
export function present<T>(kind: ResourceKind, stored: StoredDocument<T>, features: ApiFeatures): T {
  const { [runtimeKey]: _runtime, ...resource } = stored.value as T & { [runtimeKey]?: unknown };
  return shapeForVersion(kind, { ...resource, eTag: quoteEtag(stored.etag) } as T, features);
}

/** `document` carrying over the orchestration state of `existing`, so an edit never drops it. */
export function keepRuntime<D extends object>(existing: object | undefined, document: D): D {
  return existing && runtimeKey in existing ? { ...document, [runtimeKey]: (existing as Record<string, unknown>)[runtimeKey] } : document;
}

/** A 200/201 answer carrying the resource and its `ETag` header. */
export function resourceResponse<T>(status: number, kind: ResourceKind, stored: StoredDocument<T>, features: ApiFeatures, headers: Record<string, string> = {}): ArmResponse {
  return { status, body: present(kind, stored, features), headers: { etag: quoteEtag(stored.etag), ...headers } };
}

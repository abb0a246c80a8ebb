import { armError, clusterNotFound, notFound, type ArmResponse } from './arm-errors.js';
import type { ClusterRecord } from './cluster-record.js';
import type { EmulatorState } from './emulator-state.js';
import { percentComplete, type OperationRecord } from './operation-engine.js';
import { startClusterPut, startNodeImageUpgrade, type ClusterPutBody } from './start-upgrade.js';
import { clusterJson, clusterUpgradeProfileJson, maintenanceListJson, poolJson, poolUpgradeProfileJson, userCredentialsJson } from './wire-format.js';

/** What ARM routes need besides the state. */
export interface ArmContext {
  state: EmulatorState;
  origin: string;
  now: () => number;
  speedFactor: number;
  /** The API server URL written into kubeconfigs. */
  kubeServerOf: (cluster: ClusterRecord) => string;
}

/** One parsed ARM request. `segments` are lowercased path segments; `raw` keeps the original case. */
export interface ArmRequest {
  method: string;
  segments: string[];
  raw: string[];
  apiVersion: string;
  body: unknown;
}

const retryAfter = (speed: number): string => String(Math.max(1, Math.round(15 / speed)));

function operationUrls(ctx: ArmContext, cluster: ClusterRecord, op: OperationRecord, apiVersion: string): Record<string, string> {
  const base = `${ctx.origin}/subscriptions/${cluster.subscriptionId}/providers/Microsoft.ContainerService/locations/${cluster.location}`;
  return {
    'azure-asyncoperation': `${base}/operations/${op.id}?api-version=${apiVersion}`,
    location: `${base}/operationresults/${op.id}?api-version=${apiVersion}`,
    'retry-after': retryAfter(ctx.speedFactor),
  };
}

/** Location-scoped routes: kubernetesVersions and operation status/results. */
function locationRoute(ctx: ArmContext, req: ArmRequest): ArmResponse {
  const [, , , , , location = '', kind = '', id = ''] = req.segments;
  if (req.method !== 'GET') return armError(405, { code: 'MethodNotAllowed', message: `${req.method} is not supported here.` });
  if (kind === 'kubernetesversions' && req.segments.length === 7) {
    const catalogue = ctx.state.catalogue(location);
    return catalogue ? { status: 200, body: catalogue.kubernetesVersionsBody() } : armError(400, { code: 'NoRegisteredProviderFound', message: `No registered resource provider found for location '${location}'.` });
  }
  const op = ctx.state.operation(id);
  if (!op || req.segments.length !== 8 || (kind !== 'operations' && kind !== 'operationresults')) return notFound(`Operation ${id}`);
  const cluster = ctx.state.cluster(op.clusterKey);
  if (kind === 'operations') {
    const body = { id: `/${req.raw.join('/')}`, name: op.id, status: op.status, startTime: new Date(op.startedAt).toISOString(), percentComplete: percentComplete(op, ctx.now()), ...(op.endTime === undefined ? {} : { endTime: new Date(op.endTime).toISOString() }), ...(op.error ? { error: op.error } : {}) };
    return { status: 200, body, headers: op.status === 'InProgress' ? { 'retry-after': retryAfter(ctx.speedFactor) } : {} };
  }
  if (op.status === 'InProgress' || !cluster) return { status: 202, headers: { location: `${ctx.origin}/${req.raw.join('/')}?api-version=${req.apiVersion}`, 'retry-after': retryAfter(ctx.speedFactor) } };
  const pool = cluster.pools.find((p) => p.name === op.poolName);
  return { status: 200, body: pool ? poolJson(pool, cluster) : clusterJson(cluster) };
}

/** Routes under `.../managedClusters/{name}`. */
function clusterRoute(ctx: ArmContext, req: ArmRequest, cluster: ClusterRecord): ArmResponse {
  const rest = req.segments.slice(8);
  const route = `${req.method} ${rest.map((s, i) => (rest[i - 1] === 'agentpools' || rest[i - 1] === 'maintenanceconfigurations' ? '*' : s)).join('/')}`;
  const catalogue = ctx.state.ensureCatalogue(cluster.location);
  const pool = rest[0] === 'agentpools' && rest[1] ? cluster.pools.find((p) => p.name === rest[1]) : undefined;
  if (rest[0] === 'agentpools' && rest[1] && !pool) return notFound(`Agent pool ${req.raw[9] ?? ''}`);
  switch (route) {
    case 'GET ':
      return { status: 200, body: clusterJson(cluster) };
    case 'PUT ': {
      const started = startClusterPut(cluster, (req.body ?? {}) as ClusterPutBody, catalogue, ctx.state.faultsOf(cluster.id), ctx.now(), ctx.speedFactor);
      if (!('id' in started)) return armError(started.status, started.error);
      ctx.state.addOperation(started);
      return { status: 200, body: clusterJson(cluster), headers: operationUrls(ctx, cluster, started, req.apiVersion) };
    }
    case 'GET upgradeprofiles/default':
      return { status: 200, body: clusterUpgradeProfileJson(cluster, catalogue) };
    case 'POST listclusterusercredential':
      return { status: 200, body: userCredentialsJson(cluster, ctx.kubeServerOf(cluster)) };
    case 'GET maintenanceconfigurations':
      return { status: 200, body: maintenanceListJson(cluster) };
    case 'GET maintenanceconfigurations/*': {
      const found = (maintenanceListJson(cluster).value as Array<{ name: string }>).find((m) => m.name === req.raw[9]);
      return found ? { status: 200, body: found } : notFound(`Maintenance configuration ${req.raw[9] ?? ''}`);
    }
    case 'GET agentpools':
      return { status: 200, body: { value: cluster.pools.map((p) => poolJson(p, cluster)) } };
    case 'GET agentpools/*':
      return pool ? { status: 200, body: poolJson(pool, cluster) } : notFound('Agent pool');
    case 'GET agentpools/*/upgradeprofiles/default':
      return pool ? { status: 200, body: poolUpgradeProfileJson(pool, cluster, catalogue) } : notFound('Agent pool');
    case 'POST agentpools/*/upgradenodeimageversion': {
      if (!pool) return notFound('Agent pool');
      const started = startNodeImageUpgrade(cluster, pool, catalogue, ctx.state.faultsOf(cluster.id), ctx.now(), ctx.speedFactor);
      if (!('id' in started)) return armError(started.status, started.error);
      ctx.state.addOperation(started);
      return { status: 202, body: poolJson(pool, cluster), headers: operationUrls(ctx, cluster, started, req.apiVersion) };
    }
    default:
      return armError(404, { code: 'NotFound', message: `The emulator does not implement ${req.method} ${rest.join('/') || 'managedClusters'}.` });
  }
}

/** The cluster key a request is about (for fault injection), if any. */
export function clusterKeyOf(ctx: ArmContext, segments: string[]): string | undefined {
  if (segments[2] === 'resourcegroups' && segments[6] === 'managedclusters' && segments.length >= 8) return `/${segments.slice(0, 8).join('/')}`;
  if (segments[4] === 'locations' && (segments[6] === 'operations' || segments[6] === 'operationresults')) return ctx.state.operation(segments[7] ?? '')?.clusterKey;
  return undefined;
}

/** Answers an authenticated ARM request with a valid api-version. */
export function armRoute(ctx: ArmContext, req: ArmRequest, ifMatch: string | undefined): ArmResponse {
  const s = req.segments;
  if (s[0] !== 'subscriptions' || !s[1]) return armError(404, { code: 'InvalidResourceType', message: 'The resource type could not be found.' });
  if (s[2] === 'providers' && s[3] === 'microsoft.containerservice' && s[4] === 'locations') return locationRoute(ctx, req);
  if (s[2] !== 'resourcegroups' || s[4] !== 'providers' || s[5] !== 'microsoft.containerservice' || s[6] !== 'managedclusters' || !s[7]) {
    return armError(404, { code: 'InvalidResourceType', message: `The resource type '${req.raw.slice(4).join('/')}' could not be found.` });
  }
  const cluster = ctx.state.cluster(`/${s.slice(0, 8).join('/')}`);
  if (!cluster) return req.method === 'PUT' && s.length === 8 ? armError(400, { code: 'OperationNotSupported', message: 'The emulator does not create clusters through ARM: add them with the admin API or the fixture.' }) : clusterNotFound(req.raw[3] ?? '', req.raw[7] ?? '');
  if (req.method === 'PUT' && s.length === 8 && ifMatch !== undefined && ifMatch !== '*' && ifMatch.replace(/^W\//, '').replace(/"/g, '') !== cluster.eTag) {
    return armError(412, { code: 'PreconditionFailed', message: `Operation failed as server encountered too many retries. Precondition failed: If-Match '${ifMatch}' does not match the current eTag.` });
  }
  return clusterRoute(ctx, req, cluster);
}

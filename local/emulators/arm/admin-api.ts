import { z } from 'zod';
import type { ArmResponse } from './arm-errors.js';
import type { ClusterFaults } from './cluster-faults.js';
import type { OperationCounters } from './cluster-record.js';
import type { EmulatorState } from './emulator-state.js';
import { clusterSchema, type ArmFixtureInput } from './fixture-schema.js';
import type { OnKubernetesRelease } from './release-hook.js';
import { clusterJson } from './wire-format.js';

const armErrorDetail = { code: z.string().min(1), message: z.string() };
const faultsSchema = z.object({
  failNextUpgrade: z.object({ ...armErrorDetail, pool: z.string().optional(), phase: z.enum(['async', 'sync']).optional(), status: z.number().int().min(400).max(599).optional() }).optional(),
  throttle: z.object({ count: z.number().int().min(0), retryAfterSeconds: z.number().int().min(0) }).optional(),
  serverErrors: z.object({ count: z.number().int().min(0), status: z.number().int().min(500).max(599).optional() }).optional(),
  latencyMs: z.number().int().min(0).optional(),
  hang: z.boolean().optional(),
});
const releaseKubernetesSchema = z.object({ region: z.string().min(1), version: z.string().regex(/^\d+\.\d+\.\d+$/), lts: z.boolean().optional(), preview: z.boolean().optional() });
const releaseImageSchema = z.object({ region: z.string().min(1), nodeImageVersion: z.string().regex(/^.+-\d+(\.\d+)+$/) });
const powerSchema = z.object({ id: z.string().min(1), powerState: z.enum(['Running', 'Stopped']) });

/** The emulator's control surface, in process (the HTTP admin routes call the same functions). */
export interface ArmEmulatorAdmin {
  /** Adds or replaces a cluster (fixture format, validated); returns its resource id. */
  addCluster(cluster: ArmFixtureInput['clusters'][number]): string;
  /** Removes a cluster; false when unknown. */
  removeCluster(id: string): boolean;
  /** Releases a Kubernetes patch version in a region (calls the `onRelease` hook when the version is new there). */
  releaseKubernetesVersion(release: z.input<typeof releaseKubernetesSchema>): void;
  /** Releases a node image (full name) in a region. */
  releaseNodeImage(release: z.input<typeof releaseImageSchema>): void;
  /** Replaces the faults of a cluster; `{}` clears them. */
  injectFaults(id: string, faults: ClusterFaults): void;
  /** Starts or stops a cluster. */
  setPowerState(id: string, powerState: 'Running' | 'Stopped'): boolean;
  /** Operation counters of a cluster, undefined when unknown. */
  counters(id: string): OperationCounters | undefined;
}

/** Builds the in-process admin API over the state. Throws a ZodError for invalid input. */
export function createAdmin(state: EmulatorState, onRelease?: OnKubernetesRelease): ArmEmulatorAdmin {
  return {
    addCluster: (cluster) => state.addCluster(clusterSchema.parse(cluster)),
    removeCluster: (id) => state.removeCluster(id),
    releaseKubernetesVersion: (release) => {
      const r = releaseKubernetesSchema.parse(release);
      const catalogue = state.ensureCatalogue(r.region);
      const isNew = !catalogue.offers(r.version);
      catalogue.releaseKubernetesVersion(r.version, { ...(r.lts === undefined ? {} : { lts: r.lts }), ...(r.preview === undefined ? {} : { preview: r.preview }) });
      if (!isNew || !onRelease) return;
      try {
        onRelease({ region: r.region, version: r.version, minors: catalogue.kubernetesMinors(), clusters: state.clustersIn(r.region) });
      } catch (error) {
        // The release itself stands; a listener's failure is reported, not turned into an admin error.
        console.error('ARM emulator: the onRelease hook failed', error);
      }
    },
    releaseNodeImage: (release) => {
      const r = releaseImageSchema.parse(release);
      state.ensureCatalogue(r.region).releaseNodeImage(r.nodeImageVersion);
    },
    injectFaults: (id, faults) => state.setFaults(id, faultsSchema.parse(faults) as ClusterFaults),
    setPowerState: (id, powerState) => state.setPowerState(id, powerState),
    counters: (id) => state.counters(id),
  };
}

const bad = (message: string): ArmResponse => ({ status: 400, body: { error: { code: 'InvalidRequest', message } } });
const missing = (id: string): ArmResponse => ({ status: 404, body: { error: { code: 'NotFound', message: `No cluster ${id}` } } });

/**
 * The admin routes (JSON, under `/admin/`): `GET|POST|DELETE /admin/clusters`, `POST /admin/clusters/power`,
 * `POST /admin/releases/kubernetes`, `POST /admin/releases/node-images`, `PUT|DELETE /admin/faults`,
 * `GET /admin/counters`. A cluster is named by `?id=<resource id>` (or `id` in the body).
 */
export function adminRoute(state: EmulatorState, admin: ArmEmulatorAdmin, method: string, url: URL, body: unknown): ArmResponse {
  const id = url.searchParams.get('id') ?? '';
  try {
    switch (`${method} ${url.pathname}`) {
      case 'GET /admin/clusters': {
        if (!id) return { status: 200, body: { count: state.size } };
        const cluster = state.cluster(id);
        return cluster ? { status: 200, body: clusterJson(cluster) } : missing(id);
      }
      case 'POST /admin/clusters':
        return { status: 201, body: { id: admin.addCluster(body as ArmFixtureInput['clusters'][number]) } };
      case 'DELETE /admin/clusters':
        return admin.removeCluster(id) ? { status: 204 } : missing(id);
      case 'POST /admin/clusters/power': {
        const p = powerSchema.parse(body);
        return admin.setPowerState(p.id, p.powerState) ? { status: 204 } : missing(p.id);
      }
      case 'POST /admin/releases/kubernetes':
        admin.releaseKubernetesVersion(releaseKubernetesSchema.parse(body));
        return { status: 204 };
      case 'POST /admin/releases/node-images':
        admin.releaseNodeImage(releaseImageSchema.parse(body));
        return { status: 204 };
      case 'PUT /admin/faults':
        if (!state.cluster(id)) return missing(id);
        admin.injectFaults(id, faultsSchema.parse(body) as ClusterFaults);
        return { status: 204 };
      case 'DELETE /admin/faults':
        admin.injectFaults(id, {});
        return { status: 204 };
      case 'GET /admin/counters': {
        const counters = admin.counters(id);
        return counters ? { status: 200, body: counters } : missing(id);
      }
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No admin route ${method} ${url.pathname}` } } };
    }
  } catch (error) {
    if (error instanceof z.ZodError) return bad(z.prettifyError(error));
    throw error;
  }
}

import { checkUpgradePath, compareKubernetesVersions, minorDistance } from '../../../shared/aks/kubernetes-version.js';
import type { ArmErrorDetail, ClusterRecord, OperationKind, PoolRecord } from './cluster-record.js';
import type { ClusterFaults } from './cluster-faults.js';
import { beginOperation, type OperationRecord, type OperationStep } from './operation-engine.js';
import type { RegionalCatalogue } from './regional-catalogue.js';

/** Simulated durations at speed factor 1 (roughly what AKS takes). */
const controlPlaneMs = 8 * 60_000;
const perNodeMs = 3 * 60_000;

/** A refusal with ARM's status, code and message. */
export interface ArmRefusal {
  status: number;
  error: ArmErrorDetail;
}

/** The wire fields of a managed cluster PUT body that the emulator acts on. */
export interface ClusterPutBody {
  properties?: { kubernetesVersion?: unknown; agentPoolProfiles?: Array<{ name?: unknown; orchestratorVersion?: unknown }> };
}

const invalid = (message: string): ArmRefusal => ({ status: 400, error: { code: 'InvalidParameter', message } });

/** Refusals every upgrade shares: busy cluster, stopped cluster, injected synchronous failure. */
export function precheck(cluster: ClusterRecord, faults: ClusterFaults | undefined): ArmRefusal | undefined {
  if (cluster.operationId) {
    return { status: 409, error: { code: 'OperationNotAllowed', message: `Operation is not allowed because there's an in progress operation on managed cluster '${cluster.name}'. Please wait for it to finish before starting a new operation.` } };
  }
  if (cluster.powerState === 'Stopped') {
    return { status: 400, error: { code: 'OperationNotAllowed', message: `Operation is not allowed since managed cluster '${cluster.name}' is in stopped state. Please start the managed cluster first.` } };
  }
  const fail = faults?.failNextUpgrade;
  if (fail && fail.phase === 'sync' && faults) {
    delete faults.failNextUpgrade;
    return { status: fail.status ?? 400, error: { code: fail.code, message: fail.message } };
  }
  return undefined;
}

/** Moves an injected asynchronous failure onto the step for its pool (or the last step). */
function armFault(steps: OperationStep[], faults: ClusterFaults | undefined): void {
  const fail = faults?.failNextUpgrade;
  if (!fail || !faults || steps.length === 0) return;
  const step = steps.find((s) => s.pool !== undefined && s.pool === fail.pool) ?? steps[steps.length - 1];
  if (step) step.fail = { code: fail.code, message: fail.message };
  delete faults.failNextUpgrade;
}

const poolStep = (pool: PoolRecord, speed: number, toVersion: string | undefined, toImage: string | undefined): OperationStep => ({ pool: pool.name, durationMs: (perNodeMs * Math.max(1, pool.count)) / speed, toVersion, toImage });

/**
 * Validates a managed cluster PUT against the region's catalogue and AKS's version rules and,
 * when versions change, starts the upgrade: control plane first, then the pools one by one
 * (each also moves to the newest node image, as a Kubernetes upgrade does on AKS).
 */
export function startClusterPut(cluster: ClusterRecord, body: ClusterPutBody, catalogue: RegionalCatalogue, faults: ClusterFaults | undefined, now: number, speed: number): ArmRefusal | OperationRecord {
  const target = typeof body.properties?.kubernetesVersion === 'string' ? body.properties.kubernetesVersion : cluster.kubernetesVersion;
  const wanted = new Map<string, string>();
  for (const p of body.properties?.agentPoolProfiles ?? []) if (typeof p.name === 'string' && typeof p.orchestratorVersion === 'string') wanted.set(p.name, p.orchestratorVersion);
  const refusal = precheck(cluster, faults);
  if (refusal) return refusal;
  const changes = target !== cluster.currentKubernetesVersion;
  if (changes) {
    if (!catalogue.offers(target)) return { status: 400, error: { code: 'K8sVersionNotSupported', message: `Version ${target} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region.` } };
    const path = checkUpgradePath(cluster.currentKubernetesVersion, target);
    if (!path.allowed) return invalid(`Upgrading Kubernetes version ${cluster.currentKubernetesVersion} to ${target} is not allowed (${path.reason}). Available upgrades: ${catalogue.upgradesFrom(cluster.currentKubernetesVersion).join(', ') || 'none'}.`);
  }
  const steps: OperationStep[] = changes ? [{ controlPlane: target, durationMs: controlPlaneMs / speed }] : [];
  for (const pool of cluster.pools) {
    const version = wanted.get(pool.name) ?? pool.orchestratorVersion;
    if (version === pool.currentOrchestratorVersion) continue;
    if (compareKubernetesVersions(version, target) > 0) return invalid(`Node pool ${pool.name} version ${version} can't be newer than the control plane version ${target}.`);
    if (minorDistance(version, target) > 3) return invalid(`Node pool ${pool.name} version ${version} must be within 3 minor versions of the control plane version ${target}.`);
    const path = checkUpgradePath(pool.currentOrchestratorVersion, version);
    if (!path.allowed) return invalid(`Upgrading node pool ${pool.name} from ${pool.currentOrchestratorVersion} to ${version} is not allowed (${path.reason}).`);
    steps.push(poolStep(pool, speed, version, catalogue.latestImage(pool.imageFamily)));
  }
  const kind: OperationKind = steps.some((s) => s.pool) ? 'Full' : changes ? 'ControlPlaneOnly' : 'Update';
  if (kind !== 'Update') armFault(steps, faults);
  cluster.kubernetesVersion = target;
  for (const pool of cluster.pools) pool.orchestratorVersion = wanted.get(pool.name) ?? pool.orchestratorVersion;
  return beginOperation(cluster, kind, steps, now);
}

/** Starts `upgradeNodeImageVersion` on one pool: always to the newest image of its family in the region. */
export function startNodeImageUpgrade(cluster: ClusterRecord, pool: PoolRecord, catalogue: RegionalCatalogue, faults: ClusterFaults | undefined, now: number, speed: number): ArmRefusal | OperationRecord {
  const refusal = precheck(cluster, faults);
  if (refusal) return refusal;
  const latest = catalogue.latestImage(pool.imageFamily);
  const steps = latest && latest !== pool.nodeImageVersion ? [poolStep(pool, speed, undefined, latest)] : [];
  armFault(steps, faults);
  return beginOperation(cluster, 'NodeImageOnly', steps, now, pool.name);
}

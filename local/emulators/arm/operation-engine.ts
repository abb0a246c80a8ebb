import { randomUUID } from 'node:crypto';
import { touch, type ArmErrorDetail, type ClusterRecord, type OperationKind } from './cluster-record.js';

/** One timed step of an upgrade: the control plane, or one pool. */
export interface OperationStep {
  durationMs: number;
  controlPlane?: string;
  pool?: string;
  toVersion?: string;
  toImage?: string;
  /** Set by fault injection: the step ends in this ARM error. */
  fail?: ArmErrorDetail;
}

/** An async operation (the resource behind `Azure-AsyncOperation`). Progress is computed from the clock when read. */
export interface OperationRecord {
  id: string;
  clusterKey: string;
  kind: OperationKind;
  /** The pool for NodeImageOnly (its body is the operation's result). */
  poolName: string | undefined;
  startedAt: number;
  steps: OperationStep[];
  applied: number;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  endTime: number | undefined;
  error: ArmErrorDetail | undefined;
}

/** Starts an operation on a cluster: the cluster goes `Upgrading` (`Updating` for a plain update) and becomes busy. */
export function beginOperation(cluster: ClusterRecord, kind: OperationKind, steps: OperationStep[], now: number, poolName?: string): OperationRecord {
  const op: OperationRecord = { id: randomUUID(), clusterKey: cluster.key, kind, poolName, startedAt: now, steps, applied: 0, status: 'InProgress', endTime: undefined, error: undefined };
  cluster.operationId = op.id;
  cluster.provisioningState = kind === 'Update' ? 'Updating' : 'Upgrading';
  cluster.error = undefined;
  for (const pool of cluster.pools) pool.error = undefined;
  cluster.counters.started[kind]++;
  touch(cluster);
  return op;
}

function inProgress(cluster: ClusterRecord, op: OperationRecord, step: OperationStep): void {
  const pool = step.pool === undefined ? undefined : cluster.pools.find((p) => p.name === step.pool);
  const state = op.kind === 'NodeImageOnly' ? 'UpgradingNodeImageVersion' : 'Upgrading';
  if (pool && pool.provisioningState !== state) {
    pool.provisioningState = state;
    touch(cluster);
  }
}

function apply(cluster: ClusterRecord, step: OperationStep): void {
  if (step.controlPlane) cluster.currentKubernetesVersion = step.controlPlane;
  const pool = step.pool === undefined ? undefined : cluster.pools.find((p) => p.name === step.pool);
  if (pool) {
    if (step.toVersion) pool.currentOrchestratorVersion = step.toVersion;
    if (step.toImage) pool.nodeImageVersion = step.toImage;
    pool.provisioningState = 'Succeeded';
  }
  touch(cluster);
}

function finish(cluster: ClusterRecord, op: OperationRecord, at: number, error?: ArmErrorDetail, failedPool?: string): void {
  op.status = error ? 'Failed' : 'Succeeded';
  op.endTime = at;
  op.error = error;
  cluster.operationId = undefined;
  cluster.provisioningState = error ? 'Failed' : 'Succeeded';
  cluster.error = error;
  const pool = cluster.pools.find((p) => p.name === failedPool);
  if (pool && error) {
    pool.provisioningState = 'Failed';
    pool.error = error;
  }
  cluster.counters[error ? 'failed' : 'succeeded'][op.kind]++;
  touch(cluster);
}

/** Applies every step whose time has come (steps run one after another); idempotent for the same `now`. */
export function advance(cluster: ClusterRecord, op: OperationRecord, now: number): void {
  if (op.status !== 'InProgress') return;
  let t = op.startedAt;
  for (let i = 0; i < op.steps.length; i++) {
    const step = op.steps[i];
    if (!step) break;
    const end = t + step.durationMs;
    if (i >= op.applied) {
      if (now < end) return inProgress(cluster, op, step);
      if (step.fail) return finish(cluster, op, end, step.fail, step.pool);
      apply(cluster, step);
      op.applied = i + 1;
    }
    t = end;
  }
  finish(cluster, op, t);
}

/** The operation's completion as a percentage of its steps' time. */
export function percentComplete(op: OperationRecord, now: number): number {
  const total = op.steps.reduce((sum, s) => sum + s.durationMs, 0);
  if (op.status !== 'InProgress' || total === 0) return 100;
  return Math.min(99, Math.floor(((now - op.startedAt) / total) * 100));
}

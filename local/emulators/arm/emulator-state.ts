import type { ArmFixture, FixtureCluster } from './fixture-schema.js';
import { clusterRecordOf, keyOf, touch, type ClusterRecord, type OperationCounters } from './cluster-record.js';
import type { ClusterFaults } from './cluster-faults.js';
import { advance, type OperationRecord } from './operation-engine.js';
import { RegionalCatalogue } from './regional-catalogue.js';

/** Everything the emulator knows, indexed so no request scans the fleet. */
export class EmulatorState {
  private readonly clusters = new Map<string, ClusterRecord>();
  private readonly operations = new Map<string, OperationRecord>();
  private readonly catalogues = new Map<string, RegionalCatalogue>();
  private readonly faults = new Map<string, ClusterFaults>();
  private readonly defaultSubscriptionId: string;

  constructor(fixture: ArmFixture, private readonly now: () => number) {
    this.defaultSubscriptionId = fixture.defaultSubscriptionId;
    for (const [region, catalogue] of Object.entries(fixture.regions)) this.catalogues.set(region.toLowerCase(), new RegionalCatalogue(catalogue));
    for (const cluster of fixture.clusters) this.addCluster(cluster);
  }

  /** Number of clusters. */
  get size(): number {
    return this.clusters.size;
  }

  /** A region's catalogue (case-insensitive), if the region exists. */
  catalogue(region: string): RegionalCatalogue | undefined {
    return this.catalogues.get(region.toLowerCase());
  }

  /** A region's catalogue, created empty when the region is new. */
  ensureCatalogue(region: string): RegionalCatalogue {
    let catalogue = this.catalogue(region);
    if (!catalogue) {
      catalogue = new RegionalCatalogue({ kubernetesVersions: [], nodeImages: {} });
      this.catalogues.set(region.toLowerCase(), catalogue);
    }
    return catalogue;
  }

  /** Adds (or replaces) a cluster from a validated fixture cluster; returns its id. */
  addCluster(cluster: FixtureCluster): string {
    const record = clusterRecordOf(cluster, this.defaultSubscriptionId, this.ensureCatalogue(cluster.location));
    this.clusters.set(record.key, record);
    return record.id;
  }

  /** The clusters of a region (case-insensitive), as id and name. */
  clustersIn(region: string): { id: string; name: string }[] {
    const wanted = region.toLowerCase();
    return [...this.clusters.values()].filter((c) => c.location.toLowerCase() === wanted).map((c) => ({ id: c.id, name: c.name }));
  }

  /** Removes a cluster; false when it did not exist. */
  removeCluster(id: string): boolean {
    this.faults.delete(keyOf(id));
    return this.clusters.delete(keyOf(id));
  }

  /** A cluster by id or key, with its running operation brought up to the clock. */
  cluster(id: string): ClusterRecord | undefined {
    const cluster = this.clusters.get(keyOf(id));
    if (cluster?.operationId) {
      const op = this.operations.get(cluster.operationId);
      if (op) advance(cluster, op, this.now());
    }
    return cluster;
  }

  /** Registers a started operation. */
  addOperation(op: OperationRecord): void {
    this.operations.set(op.id, op);
  }

  /** An operation by id, brought up to the clock. */
  operation(id: string): OperationRecord | undefined {
    const op = this.operations.get(id.toLowerCase());
    const cluster = op && this.clusters.get(op.clusterKey);
    if (op && cluster) advance(cluster, op, this.now());
    return op;
  }

  /** The faults set on a cluster (live object; bursts are consumed from it). */
  faultsOf(id: string): ClusterFaults | undefined {
    return this.faults.get(keyOf(id));
  }

  /** Replaces the faults of a cluster (an empty object clears them). */
  setFaults(id: string, faults: ClusterFaults): void {
    if (Object.keys(faults).length === 0) this.faults.delete(keyOf(id));
    else this.faults.set(keyOf(id), structuredClone(faults));
  }

  /** Started/succeeded/failed operation counts of a cluster. */
  counters(id: string): OperationCounters | undefined {
    return this.cluster(id)?.counters;
  }

  /** Starts or stops a cluster (instantly). */
  setPowerState(id: string, powerState: 'Running' | 'Stopped'): boolean {
    const cluster = this.cluster(id);
    if (!cluster) return false;
    cluster.powerState = powerState;
    touch(cluster);
    return true;
  }
}

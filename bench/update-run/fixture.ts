import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clusterIdOf } from '../../shared/aks/resource-id.js';
import { generateFixture } from '../../local/emulators/arm/generate-fixture.js';

/** The version every bench cluster starts on, and the GA patch every region offers as the target. */
export const startVersion = '1.32.6';
/** See {@link startVersion}. */
export const targetVersion = '1.33.2';

/** ARM speed factor that makes a ControlPlaneOnly upgrade (8 min on AKS) last one simulated second. */
export const oneSecondUpgradeSpeed = 8 * 60;

/**
 * Writes a generated fixture of `clusters` clusters over three regions (all offering
 * {@link targetVersion}) to `<dir>/fixture.json`, normalised so every member can upgrade at
 * once: all on {@link startVersion}, running, without maintenance windows. Resolves to the file
 * and the cluster resource ids in fixture order.
 */
export async function writeBenchFixture(dir: string, clusters: number): Promise<{ file: string; clusterIds: string[] }> {
  const fixture = generateFixture({ clusters, regions: ['eastus', 'westeurope', 'southeastasia'] });
  fixture.clusters = fixture.clusters.map((c) => ({ ...c, kubernetesVersion: startVersion, powerState: 'Running', maintenanceConfigurations: [] }));
  const file = path.join(dir, 'fixture.json');
  await writeFile(file, JSON.stringify(fixture));
  const clusterIds = fixture.clusters.map((c) => clusterIdOf({ subscriptionId: c.subscriptionId ?? '', resourceGroup: c.resourceGroup ?? '', name: c.name ?? '' }));
  return { file, clusterIds };
}

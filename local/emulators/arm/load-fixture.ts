import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { clusterIdOf, parseClusterId } from '../../../shared/aks/resource-id.js';
import { imageFamilyOf } from './regional-catalogue.js';
import { fixtureSchema, type ArmFixture, type FixtureCluster } from './fixture-schema.js';

/** Thrown when a fixture does not validate; the message lists every problem with its path. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

/** The resource id a fixture cluster stands for (its `id`, or one built from its parts). */
export function fixtureClusterId(cluster: FixtureCluster, defaultSubscriptionId: string): string {
  if (cluster.id !== undefined) return cluster.id;
  return clusterIdOf({ subscriptionId: cluster.subscriptionId ?? defaultSubscriptionId, resourceGroup: cluster.resourceGroup ?? '', name: cluster.name ?? '' });
}

/** Problems the schema cannot see: unknown regions, bad ids, duplicates, pools without an image family in the region. */
function crossCheck(fixture: ArmFixture): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  fixture.clusters.forEach((cluster, i) => {
    const at = `clusters[${i}]`;
    const id = fixtureClusterId(cluster, fixture.defaultSubscriptionId);
    if (!parseClusterId(id)) problems.push(`${at}.id: not a managed cluster resource id: ${id}`);
    if (seen.has(id.toLowerCase())) problems.push(`${at}: duplicate cluster ${id}`);
    seen.add(id.toLowerCase());
    const region = fixture.regions[cluster.location];
    if (!region) return void problems.push(`${at}.location: region '${cluster.location}' is not in regions`);
    cluster.pools.forEach((pool, j) => {
      const family = imageFamilyOf(pool.osSku, pool.osType, pool.nodeImageVersion);
      if (!region.nodeImages[family]) problems.push(`${at}.pools[${j}]: region '${cluster.location}' has no node images for family ${family}`);
    });
    if (!cluster.pools.some((p) => p.mode === 'System')) problems.push(`${at}.pools: at least one pool must have mode System`);
  });
  return problems;
}

/** Validates parsed fixture data (defaults applied); throws {@link FixtureError} naming `source`. */
export function validateFixture(data: unknown, source = 'fixture'): ArmFixture {
  const result = fixtureSchema.safeParse(data);
  if (!result.success) throw new FixtureError(`Invalid ARM emulator fixture ${source}:\n${z.prettifyError(result.error)}`);
  const problems = crossCheck(result.data);
  if (problems.length > 0) throw new FixtureError(`Invalid ARM emulator fixture ${source}:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return result.data;
}

/** Reads a `.yaml`/`.yml`/`.json` fixture file and validates it. */
export async function loadFixture(file: string): Promise<ArmFixture> {
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new FixtureError(`ARM emulator fixture ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  return validateFixture(data, file);
}

/** The demo fixture's path, from the sources or from `dist/` (the YAML is not copied by tsc). */
export function demoFixturePath(): string {
  const beside = fileURLToPath(new URL('./fixtures/demo.yaml', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../../../../local/emulators/arm/fixtures/demo.yaml', import.meta.url));
}

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { seededRandom } from '../../seeded-random.js';
import type { ArmFixtureInput } from './fixture-schema.js';

/** Options for {@link generateFixture}. */
export interface GenerateFixtureOptions {
  clusters: number;
  /** Regions to spread clusters over (default eastus, westeurope, southeastasia). */
  regions?: string[];
  /** Seed for the deterministic pseudo-random choices (default 1). */
  seed?: number;
  /** Subscriptions to spread clusters over (default 4). */
  subscriptions?: number;
}

/** A regional catalogue: Kubernetes 1.30 (LTS) to 1.34 (preview) and Ubuntu / Azure Linux / Windows images. */
export function standardRegion(): ArmFixtureInput['regions'][string] {
  return {
    kubernetesVersions: [
      { minor: '1.30', patches: ['1.30.9', '1.30.12'], lts: true },
      { minor: '1.31', patches: ['1.31.5', '1.31.8'] },
      { minor: '1.32', patches: ['1.32.3', '1.32.6'], default: true },
      { minor: '1.33', patches: ['1.33.1', '1.33.2'] },
      { minor: '1.34', patches: ['1.34.0'], preview: true },
    ],
    nodeImages: {
      'AKSUbuntu-2204gen2containerd': ['202610.15.0', '202611.01.0'],
      'AKSAzureLinux-V3gen2': ['202610.15.0', '202611.01.0'],
      'AKSWindows-2022-containerd': ['20348.2762.241009', '20348.2849.241106'],
    },
  };
}


/**
 * Generates a fixture of any size, deterministically for a seed: clusters on GA versions
 * 1.30–1.33, one system pool and 0–2 user pools (Ubuntu, Azure Linux, now and then Windows),
 * some with maintenance windows, about 1 in 50 stopped.
 */
export function generateFixture(options: GenerateFixtureOptions): ArmFixtureInput {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const regions = options.regions ?? ['eastus', 'westeurope', 'southeastasia'];
  const subscriptions = Array.from({ length: options.subscriptions ?? 4 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const versions = ['1.30.9', '1.30.12', '1.31.5', '1.31.8', '1.32.3', '1.32.6', '1.33.1'];
  const clusters: ArmFixtureInput['clusters'] = [];
  for (let i = 0; i < options.clusters; i++) {
    const version = pick(versions);
    const userPools = Math.floor(random() * 3);
    const pools: ArmFixtureInput['clusters'][number]['pools'] = [{ name: 'system', mode: 'System', osSku: 'Ubuntu', count: 3, nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202610.15.0' }];
    for (let p = 0; p < userPools; p++) {
      const windows = random() < 0.1;
      pools.push(windows ? { name: `win${p}`, osType: 'Windows', osSku: 'Windows2022', count: 2 } : { name: `user${p}`, osSku: pick(['Ubuntu', 'AzureLinux']), count: 1 + Math.floor(random() * 10) });
    }
    const env = pick(['dev', 'test', 'prod']);
    clusters.push({
      subscriptionId: pick(subscriptions),
      resourceGroup: `rg-${env}-${i % 100}`,
      name: `aks-${env}-${String(i).padStart(5, '0')}`,
      location: pick(regions),
      kubernetesVersion: version,
      supportPlan: version.startsWith('1.30') && random() < 0.5 ? 'AKSLongTermSupport' : 'KubernetesOfficial',
      powerState: random() < 0.02 ? 'Stopped' : 'Running',
      labels: { env, team: pick(['payments', 'search', 'platform', 'data']) },
      pools,
      maintenanceConfigurations:
        random() < 0.3 ? [{ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: pick(['Saturday', 'Sunday']) } }, durationHours: 6, startTime: '01:00', utcOffset: '+00:00' } }] : [],
    });
  }
  return { regions: Object.fromEntries(regions.map((r) => [r, standardRegion()])), clusters };
}

/** CLI: `node dist/local/emulators/arm/generate-fixture.js <clusters> [out.yaml|out.json] [seed]` (stdout when no file). */
async function main(argv: string[]): Promise<void> {
  const [count, out, seed] = argv;
  const clusters = Number(count);
  if (!Number.isInteger(clusters) || clusters < 0) {
    console.error('usage: node dist/local/emulators/arm/generate-fixture.js <clusters> [out.yaml|out.json] [seed]');
    process.exit(2);
  }
  const fixture = generateFixture({ clusters, seed: seed === undefined ? 1 : Number(seed) });
  const text = out?.endsWith('.json') ? JSON.stringify(fixture) : stringify(fixture);
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));

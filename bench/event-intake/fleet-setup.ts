import { expectStatus, type FleetCall } from '../update-run/fleet-client.js';

/** The demo fixture's subscription. */
const subscriptionId = '00000000-0000-4000-8000-000000000001';

const clusterId = (resourceGroup: string, name: string): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;

/** A bench fleet: demo-fixture clusters of one region, and one Rapid profile. */
interface FleetSpec {
  name: string;
  region: string;
  clusters: [resourceGroup: string, name: string][];
}

/**
 * Two fleets in eastus (the region the events are about) and one in westeurope (whose profile
 * the events must not concern), each with a Rapid profile.
 */
const fleets: FleetSpec[] = [
  { name: 'intake-a', region: 'eastus', clusters: [['rg-prod', 'aks-prod-eastus-1'], ['rg-prod', 'aks-prod-eastus-2']] },
  { name: 'intake-b', region: 'eastus', clusters: [['rg-staging', 'aks-staging-eastus'], ['rg-dev', 'aks-dev-eastus']] },
  { name: 'intake-c', region: 'westeurope', clusters: [['rg-prod', 'aks-prod-westeurope-1'], ['rg-staging', 'aks-staging-westeurope']] },
];

/** What {@link setUpFleets} created. */
export interface BenchFleets {
  /** Every fleet's resource id (path). */
  fleetIds: string[];
  /** Profile ids whose fleets have members in `region`: the profiles each release there concerns. */
  matchingProfiles(region: string): string[];
}

/**
 * Through the Fleet API: each fleet, its members (no `group`), an update strategy of one stage
 * whose only group `idle` selects no member (label `durable-fleet-bench=never`), and a Rapid profile using it. The runs the
 * releases generate therefore start and finish with no member to upgrade: the bench measures
 * intake and run generation, not upgrades.
 */
export async function setUpFleets(call: FleetCall): Promise<BenchFleets> {
  const profiles: { id: string; region: string }[] = [];
  for (const spec of fleets) {
    const fleetId = `/subscriptions/${subscriptionId}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/fleets/${spec.name}`;
    expectStatus(await call('PUT', fleetId, { location: spec.region }), [200, 201], `fleet ${spec.name} PUT`);
    for (const [resourceGroup, name] of spec.clusters) {
      expectStatus(await call('PUT', `${fleetId}/members/${name}`, { properties: { clusterResourceId: clusterId(resourceGroup, name) } }), [200, 201], `member ${name} PUT`);
    }
    const strategyId = `${fleetId}/updateStrategies/idle`;
    expectStatus(await call('PUT', strategyId, { properties: { strategy: { stages: [{ name: 'idle', groups: [{ name: 'idle', memberSelector: { byLabel: 'durable-fleet-bench=never' } }] }] } } }), [200, 201], `strategy of ${spec.name} PUT`);
    const profileId = `${fleetId}/autoUpgradeProfiles/rapid`;
    expectStatus(await call('PUT', profileId, { properties: { channel: 'Rapid', updateStrategyId: strategyId } }), [200, 201], `profile of ${spec.name} PUT`);
    profiles.push({ id: profileId, region: spec.region });
  }
  return {
    fleetIds: fleets.map((f) => `/subscriptions/${subscriptionId}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/fleets/${f.name}`),
    matchingProfiles: (region) => profiles.filter((p) => p.region === region).map((p) => p.id),
  };
}

/** A `nextLink` as a path for {@link FleetCall}, which adds the api-version itself. */
function withoutApiVersion(link: string): string {
  const url = new URL(link);
  url.searchParams.delete('api-version');
  return url.pathname + url.search;
}

/** Update runs of `fleetId` per `autoUpgradeProfileId` (lower case), following `nextLink`. */
export async function runsByProfile(call: FleetCall, fleetId: string): Promise<Map<string, string[]>> {
  const byProfile = new Map<string, string[]>();
  let next: string | undefined = `${fleetId}/updateRuns`;
  while (next) {
    const answer = await call('GET', next);
    expectStatus(answer, [200], `GET ${next}`);
    const page = answer.body as { value: { name: string; properties: { autoUpgradeProfileId?: string; managedClusterUpdate?: { upgrade?: { kubernetesVersion?: string } } } }[]; nextLink?: string };
    for (const run of page.value) {
      const key = (run.properties.autoUpgradeProfileId ?? '').toLowerCase();
      byProfile.set(key, [...(byProfile.get(key) ?? []), run.properties.managedClusterUpdate?.upgrade?.kubernetesVersion ?? '']);
    }
    next = page.nextLink ? withoutApiVersion(page.nextLink) : undefined;
  }
  return byProfile;
}

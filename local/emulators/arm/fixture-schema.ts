import { z } from 'zod';

const minorVersion = z.string().regex(/^\d+\.\d+$/, 'a Kubernetes minor like "1.31"');
const patchVersion = z.string().regex(/^\d+\.\d+\.\d+$/, 'a Kubernetes patch version like "1.31.2"');
const imageVersion = z.string().regex(/^\d+(\.\d+)+$/, 'a node image version like "202611.01.0"');
const fullImage = z.string().regex(/^.+-\d+(\.\d+)+$/, 'a node image like "AKSUbuntu-2204gen2containerd-202611.01.0"');
const weekDay = z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** One Kubernetes minor offered in a region. */
export const kubernetesMinorSchema = z.object({
  minor: minorVersion,
  patches: z.array(patchVersion).min(1),
  lts: z.boolean().default(false),
  preview: z.boolean().default(false),
  default: z.boolean().default(false),
});

/** A region's catalogue: Kubernetes minors and node image versions per image family. */
export const regionSchema = z.object({
  kubernetesVersions: z.array(kubernetesMinorSchema).min(1),
  /** Image family (`AKSUbuntu-2204gen2containerd`) → released versions. */
  nodeImages: z.record(z.string().min(1), z.array(imageVersion).min(1)),
});

/** An AKS maintenance window, in ARM's shape (`maintenanceConfigurations.properties.maintenanceWindow`). */
export const maintenanceWindowSchema = z.object({
  schedule: z
    .object({
      daily: z.object({ intervalDays: z.number().int().min(1).max(7) }).optional(),
      weekly: z.object({ intervalWeeks: z.number().int().min(1).max(4), dayOfWeek: weekDay }).optional(),
      absoluteMonthly: z.object({ intervalMonths: z.number().int().min(1).max(6), dayOfMonth: z.number().int().min(1).max(31) }).optional(),
      relativeMonthly: z.object({ intervalMonths: z.number().int().min(1).max(6), dayOfWeek: weekDay, weekIndex: z.enum(['First', 'Second', 'Third', 'Fourth', 'Last']) }).optional(),
    })
    .refine((s) => Object.values(s).filter(Boolean).length === 1, 'exactly one of daily, weekly, absoluteMonthly, relativeMonthly'),
  durationHours: z.number().int().min(4).max(24),
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/).optional(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  notAllowedDates: z.array(z.object({ start: z.string(), end: z.string() })).optional(),
});

/** A maintenance configuration of a cluster. */
export const maintenanceConfigurationSchema = z.object({
  name: z.enum(['default', 'aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule']),
  maintenanceWindow: maintenanceWindowSchema,
});

/** An agent pool of an emulated cluster. */
export const poolSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/, 'lowercase letters and digits, at most 12, starting with a letter'),
  mode: z.enum(['System', 'User']).default('User'),
  osType: z.enum(['Linux', 'Windows']).default('Linux'),
  osSku: z.string().default('Ubuntu'),
  count: z.number().int().min(0).max(1000).default(3),
  vmSize: z.string().default('Standard_D4s_v5'),
  /** Defaults to the cluster's Kubernetes version. */
  orchestratorVersion: patchVersion.optional(),
  /** Defaults to the newest image of the pool's family in the region. */
  nodeImageVersion: fullImage.optional(),
});

/** An emulated cluster: `id`, or `subscriptionId` + `resourceGroup` + `name`. */
export const clusterSchema = z
  .object({
    id: z.string().optional(),
    subscriptionId: z.string().optional(),
    resourceGroup: z.string().optional(),
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/).optional(),
    location: z.string().min(1),
    kubernetesVersion: patchVersion,
    supportPlan: z.enum(['KubernetesOfficial', 'AKSLongTermSupport']).default('KubernetesOfficial'),
    upgradeChannel: z.enum(['none', 'patch', 'stable', 'rapid', 'node-image']).default('none'),
    nodeOSUpgradeChannel: z.enum(['None', 'Unmanaged', 'NodeImage', 'SecurityPatch']).default('NodeImage'),
    powerState: z.enum(['Running', 'Stopped']).default('Running'),
    labels: z.record(z.string(), z.string()).default({}),
    pools: z.array(poolSchema).min(1),
    maintenanceConfigurations: z.array(maintenanceConfigurationSchema).default([]),
  })
  .refine((c) => c.id !== undefined || (c.resourceGroup !== undefined && c.name !== undefined), 'give either id or resourceGroup and name');

/** A whole fixture: regional catalogues and clusters. */
export const fixtureSchema = z.object({
  /** Used for clusters that give no id and no subscriptionId. */
  defaultSubscriptionId: z.string().default('00000000-0000-4000-8000-000000000001'),
  regions: z.record(z.string().min(1), regionSchema),
  clusters: z.array(clusterSchema),
});

/** A validated fixture (defaults applied). */
export type ArmFixture = z.infer<typeof fixtureSchema>;
/** A fixture as written (defaults not yet applied). */
export type ArmFixtureInput = z.input<typeof fixtureSchema>;
/** A validated cluster of a fixture. */
export type FixtureCluster = z.infer<typeof clusterSchema>;
/** A validated region catalogue. */
export type FixtureRegion = z.infer<typeof regionSchema>;

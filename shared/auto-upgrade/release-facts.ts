import { z } from 'zod';

/** One Kubernetes patch version a region offers. */
export const offeredVersionSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a Kubernetes version x.y.z'),
  isPreview: z.boolean().default(false),
  isLts: z.boolean().default(false),
});

/**
 * What a region offers right now: every Kubernetes patch (with preview and LTS flags) and the
 * newest node image per image family (`AKSUbuntu-2204gen2containerd` → `202611.01.0`). This is
 * the payload of our own release events (schema documented in docs/release-events.md).
 */
export const releaseFactsSchema = z.strictObject({
  region: z.string().min(1).max(64).regex(/^[a-z0-9]+$/, 'a region name such as westeurope'),
  kubernetesVersions: z.array(offeredVersionSchema).max(500),
  nodeImages: z.record(z.string().min(1).max(128), z.string().regex(/^\d+(\.\d+)+$/, 'a node image version such as 202611.01.0')),
});
/** See {@link releaseFactsSchema}. */
export type ReleaseFacts = z.infer<typeof releaseFactsSchema>;
/** See {@link offeredVersionSchema}. */
export type OfferedVersion = z.infer<typeof offeredVersionSchema>;

/** Our release event types (CloudEvents `type` / Event Grid `eventType`). */
export const releaseEventTypes = {
  /** A region's offer changed: a Kubernetes version or a node image was released (data: {@link ReleaseFacts}). */
  catalogChanged: 'DurableFleet.Releases.CatalogChanged',
} as const;

/** The AKS system event that announces new Kubernetes versions per cluster. */
export const aksNewVersionEventType = 'Microsoft.ContainerService.NewKubernetesVersionAvailable';
/** AKS events about a cluster's version leaving support. */
export const aksSupportEventTypes = ['Microsoft.ContainerService.ClusterSupportEnding', 'Microsoft.ContainerService.ClusterSupportEnded'] as const;

/** `NewKubernetesVersionAvailable` data (reference §6.1). */
export const newKubernetesVersionDataSchema = z.object({
  latestSupportedKubernetesVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  latestStableKubernetesVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  lowestMinorKubernetesVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  latestPreviewKubernetesVersion: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
});

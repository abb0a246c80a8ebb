import type { MaintenanceConfiguration } from '@azure/arm-containerservice';
import type { UpgradeType } from '../fleet/models.js';
import type { MaintenanceWindow } from './maintenance-window.js';
import { toMaintenanceWindow } from './to-maintenance-window.js';

/** The AKS maintenance configurations Fleet honours, by name (`maintenanceConfigurations/{name}`). */
export const WindowConfiguration = {
  AutoUpgrade: 'aksManagedAutoUpgradeSchedule',
  NodeOSUpgrade: 'aksManagedNodeOSUpgradeSchedule',
} as const;
/** One of {@link WindowConfiguration}. */
export type WindowConfiguration = (typeof WindowConfiguration)[keyof typeof WindowConfiguration];

/**
 * The maintenance configuration a Fleet upgrade honours (reference §7.2): `NodeImageOnly` →
 * `aksManagedNodeOSUpgradeSchedule`; `Full`, `ControlPlaneOnly` and any other value →
 * `aksManagedAutoUpgradeSchedule` (anything but a node-image-only upgrade changes the
 * Kubernetes version, which that window governs; unknown types are rejected earlier, at the API).
 */
export function windowConfigurationFor(upgradeType: UpgradeType): WindowConfiguration {
  return upgradeType === 'NodeImageOnly' ? WindowConfiguration.NodeOSUpgrade : WindowConfiguration.AutoUpgrade;
}

/**
 * The window a member's upgrade of `upgradeType` must wait for: the configuration named by
 * {@link windowConfigurationFor}, or undefined when the cluster has none (or it has no
 * `maintenanceWindow`), meaning "no window, upgrade when reached". The legacy `default`
 * configuration is never used, even alone: AKS reserves it for its own weekly releases, and
 * it does not govern cluster or node-image upgrades. Names match case-insensitively (ARM names are).
 * Throws `InvalidMaintenanceWindowError` when the chosen configuration is invalid.
 */
export function applicableWindow(configs: readonly MaintenanceConfiguration[], upgradeType: UpgradeType): MaintenanceWindow | undefined {
  const name = windowConfigurationFor(upgradeType).toLowerCase();
  const config = configs.find((c) => c.name?.toLowerCase() === name);
  return config === undefined ? undefined : toMaintenanceWindow(config);
}

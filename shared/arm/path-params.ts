/**
 * The scope segments of a request path, checked before anything is looked up: ARM subscription
 * ids are GUIDs and resource-group names follow ARM's rule. Route values arrive URL-decoded, so
 * without this check an encoded `/` or an over-long segment would reach the store as an id it
 * cannot hold.
 */
import { ArmError } from './arm-error.js';
import { parseFleetResourceId } from './resource-id.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ARM's resource-group names: 1–90 letters, digits, `_`, `-`, `.`, `(`, `)`; not ending in `.`. */
const resourceGroupPattern = /^[-\p{L}\p{N}_.()]{1,90}$/u;
/** Fleet and child names as lookups accept them: the create rule, case-insensitively (ARM names are). */
const lookupNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;

/** True when `value` is a subscription id ARM accepts (a GUID). */
export const isSubscriptionId = (value: string): boolean => guid.test(value);

/** True when `value` is a resource-group name ARM accepts. */
export const isResourceGroupName = (value: string): boolean => resourceGroupPattern.test(value) && !value.endsWith('.');

/**
 * True when `name` could name an existing fleet (at most 63 characters) or child (at most 50; a
 * gate's GUID is 36) in any letter case. A name that fails this cannot exist, so a lookup of it
 * is answered as not found without touching the store.
 */
export const isLookupName = (name: string, kind: 'fleet' | 'child'): boolean => name.length <= (kind === 'fleet' ? 63 : 50) && lookupNamePattern.test(name);

/**
 * Throws ARM's 400 for a malformed `subscriptionId` (`InvalidSubscriptionId`) or `resourceGroup`
 * (`InvalidResourceGroupName`) route value; absent values are left to the handlers.
 */
export function assertScopeParams(params: Record<string, string | undefined>): void {
  const { subscriptionId, resourceGroup } = params;
  if (subscriptionId !== undefined && !isSubscriptionId(subscriptionId)) {
    throw new ArmError(400, 'InvalidSubscriptionId', `The provided subscription identifier '${subscriptionId.slice(0, 100)}' is malformed or invalid.`, 'subscriptionId');
  }
  if (resourceGroup !== undefined && !isResourceGroupName(resourceGroup)) {
    throw new ArmError(
      400,
      'InvalidResourceGroupName',
      `Resource group name '${resourceGroup.slice(0, 100)}' is invalid: it must be 1 to 90 letters, digits, '_', '-', '.', '(' or ')', and not end with '.'.`,
      'resourceGroupName',
    );
  }
}

/** True when `id` is a Fleet resource id whose every segment passes the checks above (safe to look up). */
export function isServableResourceId(id: string): boolean {
  const parsed = parseFleetResourceId(id);
  if (!parsed || !isSubscriptionId(parsed.subscriptionId) || !isResourceGroupName(parsed.resourceGroup) || !isLookupName(parsed.fleetName, 'fleet')) return false;
  return parsed.child === undefined || isLookupName(parsed.child.name, 'child');
}

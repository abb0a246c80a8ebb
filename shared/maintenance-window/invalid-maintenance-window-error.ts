/**
 * A maintenance configuration AKS returned that durable-fleet cannot use. Permanent: reading it
 * again gives the same answer, so callers turn it into a member error instead of retrying.
 * `field` is the dotted path inside the configuration (`maintenanceWindow.durationHours`).
 */
export class InvalidMaintenanceWindowError extends Error {
  override readonly name = 'InvalidMaintenanceWindowError';
  readonly field: string;

  constructor(field: string, problem: string, configName?: string) {
    super(`${configName ? `maintenance configuration '${configName}': ` : ''}${field} ${problem}`);
    this.field = field;
  }
}

/** True for an {@link InvalidMaintenanceWindowError}. */
export function isInvalidMaintenanceWindowError(e: unknown): e is InvalidMaintenanceWindowError {
  return e instanceof InvalidMaintenanceWindowError;
}

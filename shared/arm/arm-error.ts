/**
 * The one typed error of the Fleet API. Everything the API rejects is an `ArmError` carrying
 * ARM's status, code and the offending field (`target`); one mapper turns it into ARM's error
 * body. Anything else that escapes a handler is a bug and answers a bare 500.
 */

/** ARM's `ErrorDetail`. */
export interface ArmErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorDetail[];
}

/** ARM's error response body. */
export interface ArmErrorBody {
  error: ArmErrorDetail;
}

/** An ARM error with its HTTP status. */
export class ArmError extends Error {
  override readonly name = 'ArmError';
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly details: ArmErrorDetail[] | undefined;

  constructor(status: number, code: string, message: string, target?: string, details?: ArmErrorDetail[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
    this.details = details;
  }

  /** The body ARM sends for this error. */
  toBody(): ArmErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.target ? { target: this.target } : {}),
        ...(this.details?.length ? { details: this.details } : {}),
      },
    };
  }
}

/** True when `error` is an {@link ArmError}. */
export const isArmError = (error: unknown): error is ArmError => error instanceof ArmError;

/** The errors the API raises, with the codes ARM uses. */
export const armErrors = {
  invalidRequestContent: (message: string, target?: string, details?: ArmErrorDetail[]) => new ArmError(400, 'InvalidRequestContent', message, target, details),
  invalidParameter: (message: string, target?: string) => new ArmError(400, 'InvalidParameter', message, target),
  missingApiVersion: () => new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests."),
  invalidApiVersion: (version: string, supported: readonly string[]) =>
    new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`),
  invalidResourceName: (name: string, kind: string, rule: string, target: string) =>
    new ArmError(400, 'InvalidResourceName', `The ${kind} name '${name}' is invalid: ${rule}`, target),
  resourceNotFound: (type: string, name: string) => new ArmError(404, 'ResourceNotFound', `The Resource '${type}/${name}' was not found.`),
  parentResourceNotFound: (type: string, name: string) => new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${type}/${name}' not found.`),
  conflict: (message: string, target?: string) => new ArmError(409, 'Conflict', message, target),
  operationNotAllowed: (message: string, target?: string) => new ArmError(409, 'OperationNotAllowed', message, target),
  preconditionFailed: (message = 'The condition specified using HTTP conditional header(s) is not met.') => new ArmError(412, 'PreconditionFailed', message),
  invalidResourceType: (segment: string) =>
    new ArmError(400, 'InvalidResourceType', `The resource type 'fleets/${segment.slice(0, 100)}' is not known. Known: ${['members', 'updateStrategies', 'updateRuns', 'gates', 'autoUpgradeProfiles'].join(', ')}.`, 'childType'),
  noRoute: (path: string) => new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${path.slice(0, 300)}'.`),
  requestTooLarge: (maxBytes: number) => new ArmError(413, 'RequestEntityTooLarge', `The request content is larger than the ${maxBytes} bytes the API accepts.`),
  methodNotAllowed: (method: string) => new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported at this path.`),
  unauthenticated: () => new ArmError(401, 'AuthenticationFailed', 'Authentication failed. The request carries no valid function key or authenticated principal.'),
  forbidden: (action: string, role: string) =>
    new ArmError(403, 'AuthorizationFailed', `The client does not have authorization to perform action '${action}'. It needs the ${role} role.`),
} as const;

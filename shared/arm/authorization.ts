import { armErrors } from './arm-error.js';
import type { CallerPrincipal } from './arm-request.js';

/** The roles of the Fleet API. Reader reads; Operator writes and runs actions; Approver completes gates. */
export const apiRoles = ['Reader', 'Operator', 'Approver'] as const;
/** One of {@link apiRoles}. */
export type ApiRole = (typeof apiRoles)[number];

/** Roles that imply another: anyone allowed to change or approve may also read. */
const satisfies: Record<ApiRole, readonly ApiRole[]> = {
  Reader: ['Reader', 'Operator', 'Approver'],
  Operator: ['Operator'],
  Approver: ['Approver'],
};

/** The role an operation needs: GET → Reader; gate PATCH → Approver; every other write or action → Operator. */
export function requiredRole(method: string, kind: string): ApiRole {
  if (method === 'GET' || method === 'HEAD') return 'Reader';
  if (kind === 'gate' && method === 'PATCH') return 'Approver';
  return 'Operator';
}

/** Throws 403 when the caller lacks `role`; `action` names the operation in the message. */
export function authorize(caller: CallerPrincipal, role: ApiRole, action: string): void {
  if (!satisfies[role].some((r) => caller.roles.includes(r))) throw armErrors.forbidden(action, role);
}

interface ClientPrincipal {
  auth_typ?: string;
  name_typ?: string;
  role_typ?: string;
  claims?: { typ?: string; val?: string }[];
}

const claimTypes = {
  objectId: ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'],
  name: ['name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'preferred_username', 'appid'],
  idtyp: ['idtyp'],
};

/**
 * Reads the caller from App Service authentication's `x-ms-client-principal` header (base64
 * JSON of claims). Undefined when absent or unreadable.
 */
export function principalFromHeader(header: string | null): CallerPrincipal | undefined {
  if (!header) return undefined;
  let principal: ClientPrincipal;
  try {
    principal = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as ClientPrincipal;
  } catch {
    return undefined;
  }
  const claims = Array.isArray(principal.claims) ? principal.claims : [];
  const first = (types: string[]): string | undefined => claims.find((c) => c.typ !== undefined && types.includes(c.typ))?.val;
  const roleType = principal.role_typ ?? 'roles';
  const roles = claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val ?? '').filter(Boolean);
  const id = first(claimTypes.objectId);
  if (!id) return undefined;
  return { id, name: first(claimTypes.name) ?? id, type: first(claimTypes.idtyp) === 'app' ? 'Application' : 'User', roles: [...new Set(roles)] };
}

/** The caller of a request authenticated by a function key: keys carry every role. */
export const keyCaller: CallerPrincipal = { id: 'function-key', name: 'function key', type: 'Key', roles: [...apiRoles] };

/** Throws 401 when there is no caller. */
export function requireCaller(caller: CallerPrincipal | undefined): CallerPrincipal {
  if (!caller) throw armErrors.unauthenticated();
  return caller;
}

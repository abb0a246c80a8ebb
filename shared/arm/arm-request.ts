import type { ApiFeatures } from './api-versions.js';
import type { ArmErrorBody } from './arm-error.js';

/** Who is calling, when the caller is a principal (App Service authentication). */
export interface CallerPrincipal {
  /** Object id of the user or service principal. */
  id: string;
  name: string;
  /** `User` or `Application`, as ARM's `systemData.createdByType`. */
  type: 'User' | 'Application' | 'Key';
  roles: string[];
}

/** A Fleet API request after the edge adapter has parsed it. */
export interface ArmRequest {
  method: string;
  /** The full request URL (for `nextLink` and operation URLs). */
  url: URL;
  apiVersion: string;
  features: ApiFeatures;
  headers: Headers;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  caller: CallerPrincipal;
  /** Route parameters. */
  params: Record<string, string | undefined>;
}

/** What a handler answers. */
export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A JSON answer. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): ArmResponse => ({ status, body, headers });

/** An error answer with ARM's body. */
export const errorResponse = (status: number, body: ArmErrorBody): ArmResponse => ({ status, body });

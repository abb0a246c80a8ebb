import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The parts of `host.json` the local host honours. */
export interface HostConfig {
  routePrefix: string;
  /** `extensions.durableTask` as written (hub name unresolved). */
  durableTask: Record<string, unknown>;
  extensionBundle: { id: string; version: string } | undefined;
}

/** Reads `host.json`; Functions' defaults apply where it is silent (routePrefix `api`). */
export async function readHostConfig(appRoot: string): Promise<HostConfig> {
  let json: { version?: unknown; extensions?: { http?: { routePrefix?: unknown }; durableTask?: unknown }; extensionBundle?: { id: string; version: string } } = {};
  try {
    json = JSON.parse(await readFile(path.join(appRoot, 'host.json'), 'utf8')) as typeof json;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`host.json is not valid JSON: ${(error as Error).message}`);
  }
  if (json.version !== undefined && json.version !== '2.0') throw new Error(`host.json "version" must be "2.0" (found ${JSON.stringify(json.version)}).`);
  const prefix = json.extensions?.http?.routePrefix;
  return {
    routePrefix: typeof prefix === 'string' ? prefix.replace(/^\/+|\/+$/g, '') : 'api',
    durableTask: (json.extensions?.durableTask as Record<string, unknown> | undefined) ?? {},
    extensionBundle: json.extensionBundle,
  };
}

/** Loads `local.settings.json` `Values` into the environment without overriding what is set. */
export async function loadLocalSettings(appRoot: string, env: NodeJS.ProcessEnv): Promise<void> {
  let settings: { Values?: Record<string, unknown> };
  try {
    settings = JSON.parse(await readFile(path.join(appRoot, 'local.settings.json'), 'utf8')) as typeof settings;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new Error(`local.settings.json is not valid JSON: ${(error as Error).message}`);
  }
  for (const [name, value] of Object.entries(settings.Values ?? {})) {
    if (env[name] === undefined && value !== null && value !== undefined) env[name] = String(value);
  }
}

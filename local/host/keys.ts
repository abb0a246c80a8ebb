import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The system keys the host's extensions use for their webhooks. */
export const systemKeyNames = ['eventgrid_extension', 'durabletask_extension'] as const;

/** The host's keys, as the Functions host keeps them (master, host function keys, system keys). */
export interface HostKeys {
  masterKey: string;
  functionKeys: Record<string, string>;
  systemKeys: Record<string, string>;
}

/** Who a presented key identifies. */
export type KeyLevel = 'none' | 'function' | 'system' | 'admin';

const newKey = (): string => randomBytes(40).toString('base64url');

/**
 * Reads the host keys from `keys.json` in the data folder, creating any that are missing.
 * `FUNCTIONS_MASTER_KEY`, when set, is the master key (as `AzureWebJobsSecretStorageType=files`
 * with a preset key would be); otherwise one is generated on first start and kept.
 */
export async function loadHostKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<HostKeys> {
  const file = path.join(dataDir, 'keys.json');
  let stored: Partial<HostKeys> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<HostKeys>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys: HostKeys = {
    masterKey: stored.masterKey ?? newKey(),
    functionKeys: { default: stored.functionKeys?.default ?? newKey(), ...stored.functionKeys },
    systemKeys: Object.fromEntries(systemKeyNames.map((name) => [name, stored.systemKeys?.[name] ?? newKey()])),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  const preset = env.FUNCTIONS_MASTER_KEY;
  return preset ? { ...keys, masterKey: preset } : keys;
}

const sameKey = (presented: string, expected: string): boolean => {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The level a presented key grants: the master key is admin; a host function key is function;
 * the named system key (for the extension webhook being called) is system.
 */
export function keyLevel(keys: HostKeys, presented: string | undefined, systemKeyName?: string): KeyLevel {
  if (!presented) return 'none';
  if (sameKey(presented, keys.masterKey)) return 'admin';
  if (systemKeyName && keys.systemKeys[systemKeyName] && sameKey(presented, keys.systemKeys[systemKeyName])) return 'system';
  if (Object.values(keys.functionKeys).some((key) => sameKey(presented, key))) return 'function';
  return 'none';
}

/** The key a request presents: the `x-functions-key` header, else the `code` query parameter. */
export function presentedKey(headers: Headers | Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const header = headers instanceof Headers ? headers.get('x-functions-key') : headers['x-functions-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader || url.searchParams.get('code') || undefined;
}

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Node reads `NODE_EXTRA_CA_CERTS` only when a process starts, and the Azure SDKs verify TLS
 * against it (they must: nothing turns verification off). When this process does not trust the
 * local CA yet, this starts the same command again in a child that does — the CA appended to any
 * bundle the user already trusts — relays SIGINT/SIGTERM to it and exits with its code. The
 * child shuts down when this launcher dies (its stdin pipe closes). Returns true when it
 * relaunched (the caller must then do nothing else), false when this process already trusts it.
 */
export async function relaunchTrustingCa(caFile: string): Promise<boolean> {
  const ca = await readFile(caFile, 'utf8');
  const current = process.env.NODE_EXTRA_CA_CERTS;
  const trusted = current ? await readFile(current, 'utf8').catch(() => '') : '';
  if (trusted.includes(ca.trim())) return false;

  const bundle = path.join(path.dirname(caFile), 'trust-bundle.pem');
  await writeFile(bundle, `${trusted.trim()}\n${ca.trim()}\n`.trimStart());
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['pipe', 'inherit', 'inherit'],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: bundle, DURABLE_FLEET_SUPERVISED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}

/** In a relaunched child: calls `stop` when the launcher goes away (its pipe to us closes). */
export function stopWhenLauncherExits(stop: () => void): void {
  if (process.env.DURABLE_FLEET_SUPERVISED !== '1') return;
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

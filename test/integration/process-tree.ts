import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run the built host from `dist/`). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every descendant of `pid`, read from /proc. */
export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (p: number): void => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** True while a process with this pid exists (zombies count as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A host started as `npm start` starts it, with what it printed. */
export interface HostProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  masterKey: string;
  output(): string;
}

/**
 * Runs the built host (`node dist/local/host/main.js`, what `npm start` runs after building) and
 * resolves once it has printed its URL and key. `env` adds to the environment.
 */
export async function startHostProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<HostProcess> {
  const main = `${repoRoot}dist/local/host/main.js`;
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does).`);
  const child = spawn(process.execPath, [main], { cwd: repoRoot, env: { ...process.env, PORT: '0', HTTPS_PORT: '0', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`The host exited (${code}) before starting:\n${output}`)));
    const poll = setInterval(() => {
      const url = /^ {2}HTTP {10}(\S+)/m.exec(output)?.[1];
      const masterKey = /^ {2}Master key {4}(\S+)/m.exec(output)?.[1];
      if (url && masterKey) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, url, masterKey, output: () => output });
      }
    }, 20);
  });
}

/** Waits for a child process to exit and returns its exit code or signal. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

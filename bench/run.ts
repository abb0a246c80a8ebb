/**
 * `npm run bench -- NAME`: runs `bench/NAME` and prints, as its last line, one JSON object
 * `{"bench": "NAME", ...metrics}`. A benchmark module's default export runs it (printing what
 * it likes on the way) and resolves to its metrics: numbers, units in the key names, and a
 * baseline measured in the same run.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A benchmark: runs and resolves to its metrics. */
export type Benchmark = () => Promise<Record<string, number>>;

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const name = process.argv[2];
  const available = (await readdir(here)).filter((f) => f.endsWith('.js') && f !== 'run.js').map((f) => f.slice(0, -3));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ') || 'none yet'})`);
    process.exit(2);
  }
  const module = (await import(pathToFileURL(path.join(here, `${name}.js`)).href)) as { default: Benchmark };
  const metrics = await module.default();
  console.log(JSON.stringify({ bench: name, ...metrics }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

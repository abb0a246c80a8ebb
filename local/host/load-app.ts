import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import type { FunctionRegistry } from './core-api.js';
import { installCoreModule } from './install-core-module.js';

/** What loading an app produced. */
export interface LoadedApp {
  registry: FunctionRegistry;
  /** The files `package.json` `main` resolved to, in load order. */
  entryPoints: string[];
}

/**
 * Loads a v4-model Functions app the way the Node worker does: installs the core module,
 * resolves `package.json` `main` (a file or a glob) relative to the app root and imports
 * every match, so each `app.*` call registers with the local host. Runs `appStart` hooks.
 */
export async function loadApp(appRoot: string): Promise<LoadedApp> {
  const registry = installCoreModule();
  const manifest = JSON.parse(await readFile(path.join(appRoot, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof manifest.main !== 'string' || manifest.main.length === 0) {
    throw new Error(`${path.join(appRoot, 'package.json')} has no "main": the worker cannot find the app's entry point.`);
  }
  const entryPoints = (await glob(manifest.main, { cwd: appRoot, absolute: true })).sort();
  if (entryPoints.length === 0) {
    throw new Error(`"main" is "${manifest.main}" but no file under ${appRoot} matches it (did you run "npm run build"?).`);
  }
  for (const file of entryPoints) {
    await import(pathToFileURL(file).href);
  }
  await registry.runHooks('appStart', { hookData: {}, appHookData: registry.appHookData, functionAppDirectory: appRoot });
  return { registry, entryPoints };
}

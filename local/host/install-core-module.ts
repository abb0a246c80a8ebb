import Module from 'node:module';
import { createCoreApi, FunctionRegistry } from './core-api.js';

const coreModuleName = '@azure/functions-core';

type RequireFn = (this: NodeJS.Module, id: string) => unknown;

let installed: FunctionRegistry | undefined;

/**
 * Makes `require('@azure/functions-core')` return the local host's stand-in, exactly as the
 * Functions worker injects its built-in module: by proxying `Module.prototype.require`.
 * Idempotent: a process has one registry, as a worker has one app.
 */
export function installCoreModule(): FunctionRegistry {
  if (installed) return installed;
  const registry = new FunctionRegistry();
  const coreApi = createCoreApi(registry);
  const proto = Module.prototype as unknown as { require: RequireFn };
  const originalRequire = proto.require;
  proto.require = function require(this: NodeJS.Module, id: string): unknown {
    return id === coreModuleName ? coreApi : originalRequire.call(this, id);
  };
  installed = registry;
  return registry;
}

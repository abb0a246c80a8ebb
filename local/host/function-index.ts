import type { FunctionRegistry, RegisteredFunction, RpcBindingInfo } from './core-api.js';
import { compileRouteTemplate, type RouteTemplate } from './route-template.js';

/** HTTP auth levels of the Functions host. */
export const authLevels = ['anonymous', 'function', 'admin'] as const;
/** One of {@link authLevels}. */
export type AuthLevel = (typeof authLevels)[number];

/** An HTTP-triggered function with its compiled route. */
export interface HttpRoute {
  fn: RegisteredFunction;
  route: RouteTemplate;
  /** Upper-case methods; empty means every method. */
  methods: Set<string>;
  authLevel: AuthLevel;
  triggerBinding: string;
  /** `$return` or the name of the HTTP output binding. */
  outputBinding: string;
}

/** A registered function indexed by what triggers it. */
export interface FunctionIndex {
  http: HttpRoute[];
  timers: { fn: RegisteredFunction; triggerBinding: string; binding: RpcBindingInfo }[];
  eventGrid: Map<string, { fn: RegisteredFunction; triggerBinding: string }>;
  byTrigger: Map<string, RegisteredFunction[]>;
}

const isTrigger = (b: RpcBindingInfo): boolean => typeof b.type === 'string' && /trigger$/i.test(b.type) && b.direction !== 'out';

/** The trigger binding of a function: [binding name, binding]. */
export function triggerOf(fn: RegisteredFunction): [string, RpcBindingInfo] {
  const entry = Object.entries(fn.metadata.bindings).find(([, b]) => isTrigger(b));
  if (!entry) throw new Error(`Function "${fn.metadata.name}" has no trigger binding.`);
  return entry;
}

/** Resolves `%NAME%` app-setting expressions the way binding expressions are resolved. */
export function resolveAppSettings(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => {
    const setting = env[name];
    if (setting === undefined) throw new Error(`App setting "${name}" (referenced as ${whole}) is not set.`);
    return setting;
  });
}

/**
 * Indexes every registration by trigger kind, compiling HTTP routes under the host's
 * `routePrefix` and ordering them most specific first. Throws on a bad route or auth level.
 */
export function indexFunctions(registry: FunctionRegistry, routePrefix: string): FunctionIndex {
  const index: FunctionIndex = { http: [], timers: [], eventGrid: new Map(), byTrigger: new Map() };
  for (const fn of registry.functions.values()) {
    const [triggerBinding, binding] = triggerOf(fn);
    const type = String(binding.type).toLowerCase();
    index.byTrigger.set(type, [...(index.byTrigger.get(type) ?? []), fn]);
    if (type === 'httptrigger') {
      const authLevel = String(binding.authLevel ?? 'anonymous').toLowerCase() as AuthLevel;
      if (!authLevels.includes(authLevel)) throw new Error(`Function "${fn.metadata.name}" has unknown authLevel "${String(binding.authLevel)}".`);
      const route = typeof binding.route === 'string' ? binding.route : fn.metadata.name;
      const methods = Array.isArray(binding.methods) ? (binding.methods as string[]).map((m) => m.toUpperCase()) : [];
      const output = Object.entries(fn.metadata.bindings).find(([, b]) => b.direction === 'out' && String(b.type).toLowerCase() === 'http');
      index.http.push({
        fn,
        route: compileRouteTemplate([routePrefix, route].filter((p) => p !== '').join('/')),
        methods: new Set(methods),
        authLevel,
        triggerBinding,
        outputBinding: output?.[0] ?? '$return',
      });
    } else if (type === 'timertrigger') {
      index.timers.push({ fn, triggerBinding, binding });
    } else if (type === 'eventgridtrigger') {
      index.eventGrid.set(fn.metadata.name.toLowerCase(), { fn, triggerBinding });
    }
  }
  index.http.sort((a, b) => b.route.precedence - a.route.precedence);
  return index;
}

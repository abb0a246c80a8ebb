/**
 * ASP.NET-style route templates as Azure Functions HTTP triggers use them:
 * literals, `{name}`, optional `{name?}`, defaults `{name=value}`, constraints `{id:int}`,
 * `{v:length(3,8)}`, `{x:regex(^a+$)}`, and catch-alls `{*rest}` / `{**rest}` in the last segment.
 * Literals match case-insensitively; parameter values are URL-decoded.
 */

/** A compiled route template. */
export interface RouteTemplate {
  template: string;
  /** Higher is more specific; used to order routes as ASP.NET routing does. */
  precedence: number;
  /** The parameters of a matching path, or undefined when the path does not match. */
  match(path: string): Record<string, string> | undefined;
}

type Constraint = (value: string) => boolean;

interface Segment {
  literal?: string;
  name?: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue?: string;
  constraints: Constraint[];
}

const number = (value: string): number => Number(value);
const intPattern = /^-?\d+$/;
const decimalPattern = /^-?(\d+\.?\d*|\.\d+)$/;

/** Builds one constraint from `name` or `name(args)`. Throws on an unknown constraint. */
function buildConstraint(spec: string, template: string): Constraint {
  const open = spec.indexOf('(');
  const name = (open < 0 ? spec : spec.slice(0, open)).toLowerCase();
  const args = open < 0 ? [] : spec.slice(open + 1, spec.lastIndexOf(')')).split(',').map((a) => a.trim());
  const [a = '', b = ''] = args;
  switch (name) {
    case 'int':
    case 'long':
      return (v) => intPattern.test(v);
    case 'decimal':
    case 'double':
    case 'float':
      return (v) => decimalPattern.test(v);
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'guid':
      return (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v);
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'minlength':
      return (v) => v.length >= number(a);
    case 'maxlength':
      return (v) => v.length <= number(a);
    case 'length':
      return args.length > 1 ? (v) => v.length >= number(a) && v.length <= number(b) : (v) => v.length === number(a);
    case 'min':
      return (v) => intPattern.test(v) && number(v) >= number(a);
    case 'max':
      return (v) => intPattern.test(v) && number(v) <= number(a);
    case 'range':
      return (v) => intPattern.test(v) && number(v) >= number(a) && number(v) <= number(b);
    case 'regex': {
      const pattern = new RegExp(spec.slice(open + 1, spec.lastIndexOf(')')), 'i');
      return (v) => pattern.test(v);
    }
    default:
      throw new Error(`Route template "${template}" uses unknown constraint "${name}".`);
  }
}

/** Parses one `{...}` parameter body. */
function parseParameter(body: string, template: string): Segment {
  let rest = body;
  let catchAll = false;
  if (rest.startsWith('**')) {
    catchAll = true;
    rest = rest.slice(2);
  } else if (rest.startsWith('*')) {
    catchAll = true;
    rest = rest.slice(1);
  }
  let defaultValue: string | undefined;
  const eq = rest.indexOf('=');
  if (eq >= 0) {
    defaultValue = rest.slice(eq + 1);
    rest = rest.slice(0, eq);
  }
  let optional = false;
  if (rest.endsWith('?')) {
    optional = true;
    rest = rest.slice(0, -1);
  }
  // Constraints are separated by ':' but a regex constraint may itself contain ':'.
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of rest) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const [name = '', ...constraintSpecs] = parts;
  if (!/^[A-Za-z_][\w]*$/.test(name)) throw new Error(`Route template "${template}" has an invalid parameter "{${body}}".`);
  return {
    name,
    optional: optional || catchAll || defaultValue !== undefined,
    catchAll,
    constraints: constraintSpecs.map((spec) => buildConstraint(spec, template)),
    ...(defaultValue === undefined ? {} : { defaultValue }),
  };
}

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Compiles a route template. Throws with the template named when it is malformed. */
export function compileRouteTemplate(template: string): RouteTemplate {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const segments: Segment[] = trimmed === '' ? [] : trimmed.split('/').map((raw) => {
    const whole = /^\{(.+)\}$/.exec(raw);
    if (whole?.[1]) return parseParameter(whole[1], template);
    if (raw.includes('{') || raw.includes('}')) {
      throw new Error(`Route template "${template}": a segment must be a literal or one whole parameter ("${raw}").`);
    }
    return { literal: raw.toLowerCase(), optional: false, catchAll: false, constraints: [] };
  });
  segments.forEach((segment, index) => {
    if (segment.catchAll && index !== segments.length - 1) {
      throw new Error(`Route template "${template}": a catch-all parameter must be the last segment.`);
    }
  });
  const precedence = segments.reduce((score, s) => {
    const weight = s.literal !== undefined ? 4 : s.catchAll ? 0 : s.constraints.length > 0 ? 3 : s.optional ? 1 : 2;
    return score * 5 + weight;
  }, 0) * 10 + segments.length;

  return {
    template,
    precedence,
    match(rawPath) {
      const parts = rawPath.replace(/^\/+|\/+$/g, '').split('/').filter((p, i, all) => !(p === '' && all.length === 1));
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] as Segment;
        const part = parts[i];
        if (segment.catchAll) {
          const remainder = parts.slice(i).map(safeDecode).join('/');
          if (remainder !== '') params[segment.name as string] = remainder;
          else if (segment.defaultValue !== undefined) params[segment.name as string] = segment.defaultValue;
          return params;
        }
        if (part === undefined || part === '') {
          if (!segment.optional) return undefined;
          if (segment.defaultValue !== undefined) params[segment.name as string] = segment.defaultValue;
          continue;
        }
        if (segment.literal !== undefined) {
          if (part.toLowerCase() !== segment.literal) return undefined;
          continue;
        }
        const value = safeDecode(part);
        if (!segment.constraints.every((ok) => ok(value))) return undefined;
        params[segment.name as string] = value;
      }
      return parts.length <= segments.length ? params : undefined;
    },
  };
}

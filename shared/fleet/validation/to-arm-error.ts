/**
 * The one place where schema issues become ARM errors. Every rejection of a request body is a
 * 400 `InvalidRequestContent` whose `target` is the JSON path of the offending field
 * (`properties.strategy.stages[1].groups[0].name`) and whose message says what is wrong.
 */
import type { z } from 'zod';
import { ArmError, armErrors } from '../../arm/arm-error.js';

type Issue = z.core.$ZodIssue;

const identifier = /^[A-Za-z_$][\w$]*$/;

/** Appends `key` to the dotted/indexed JSON path `base` (`a.b[0]`, `labels['example.com/x']`). */
export function joinPath(base: string, key: PropertyKey): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const name = String(key);
  if (!identifier.test(name)) return `${base}['${name.replaceAll("'", "\\'")}']`;
  return base === '' ? name : `${base}.${name}`;
}

/** The JSON path of `path` below `base`. */
export const formatPath = (base: string, path: readonly PropertyKey[]): string => path.reduce<string>(joinPath, base);

/** A 400 `InvalidRequestContent` naming `target`. */
export const invalid = (target: string | undefined, message: string): ArmError => armErrors.invalidRequestContent(message, target || undefined);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const article = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);
const expectedNames: Readonly<Record<string, string>> = { int: 'integer', record: 'object', nonoptional: 'value' };

function sizeMessage(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>, field: string): string {
  const bound = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const word = issue.code === 'too_big' ? 'at most' : 'at least';
  if (issue.origin === 'string') return bound === 1 && issue.code === 'too_small' ? `${field} must not be empty.` : `${field} must be ${word} ${bound} characters long.`;
  if (issue.origin === 'array') return `${field} must have ${word} ${bound} item${bound === 1 ? '' : 's'}.`;
  return `${field} must be ${word} ${bound}.`;
}

/** A human-readable message for one issue (the field is named in the message as well as in `target`). */
function messageOf(issue: Issue, target: string): string {
  const field = target ? `'${target}'` : 'The request body';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is required.`;
      return `${field} must be ${article(expectedNames[issue.expected] ?? issue.expected)}, not ${describe(issue.input)}.`;
    case 'unrecognized_keys':
      return `${field} does not allow the propert${issue.keys.length === 1 ? 'y' : 'ies'} ${issue.keys.map((k) => `'${k}'`).join(', ')}.`;
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue, field);
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}, not ${describe(issue.input)}.`;
    case 'invalid_format':
      return `${field} ${describe(issue.input)} is invalid: ${issue.message}.`;
    case 'custom':
      return `${field} ${issue.message}`;
    default:
      return `${field} is invalid: ${issue.message}`;
  }
}

/** The ARM error for one issue; unknown properties are targeted at the (first) unknown property itself. */
export function issueToArmError(issue: Issue, base: string): ArmError {
  const at = formatPath(base, issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return invalid(joinPath(at, issue.keys[0]), messageOf(issue, at));
  return invalid(at, messageOf(issue, at));
}

/** The ARM error for a failed parse: the first issue, with every issue in `details` when there are several. */
export function issuesToArmError(issues: readonly Issue[], base: string): ArmError {
  const errors = issues.map((issue) => issueToArmError(issue, base));
  const [first] = errors;
  if (!first) return invalid(base, 'The request content is invalid.');
  if (errors.length === 1) return first;
  const details = errors.map((e) => ({ code: e.code, message: e.message, ...(e.target ? { target: e.target } : {}) }));
  return armErrors.invalidRequestContent(first.message, first.target, details);
}

/** Parses untrusted `value` with `schema`, or throws the ArmError for its issues (paths below `base`). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, base: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw issuesToArmError(result.error.issues, base);
  return result.data;
}

/**
 * Zod building blocks shared by the request-body schemas. Messages are fragments that
 * `to-arm-error.ts` completes with the field's path.
 */
import { z } from 'zod';
import { labelKeyProblem, labelValueProblem } from './label-syntax.js';
import { namePattern } from './names.js';

/** A string matching `re`; `hint` (default: the pattern) completes "… is invalid: it must …". */
export const matching = (re: RegExp, hint = `it must match ${re.source}`) => z.string().regex(re, { error: hint });

/** A stage, group or member-group name: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, 1–50 characters. */
export const childName = z.string().min(1).max(50).pipe(matching(namePattern, "it must consist of lowercase letters, digits and '-', and start and end with a letter or digit"));

/** A read-only property a client may echo back from a GET; accepted and ignored. */
export const readOnly = z.unknown().optional();

/** The read-only envelope of every ARM resource, accepted and ignored on PUT. */
export const resourceEnvelope = { id: readOnly, name: readOnly, type: readOnly, systemData: readOnly, eTag: readOnly } as const;

const tagNameForbidden = /[<>%&\\?/]/;

/** ARM tags: at most 50; names 1–512 characters without `<>%&\?/`; values at most 256 characters. */
export const tagsSchema = z.record(z.string(), z.string()).check((ctx) => {
  const entries = Object.entries(ctx.value);
  if (entries.length > 50) ctx.issues.push({ code: 'custom', message: `must have at most 50 tags, not ${entries.length}.`, input: ctx.value });
  for (const [key, value] of entries) {
    const problem =
      key.length < 1 || key.length > 512 ? `name '${key.slice(0, 80)}' must be 1 to 512 characters long.`
      : tagNameForbidden.test(key) ? `name '${key}' must not contain any of < > % & \\ ? /.`
      : value.length > 256 ? 'value must be at most 256 characters long.'
      : undefined;
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: `tag ${problem}`, path: [key], input: value });
  }
});

/** Kubernetes labels: keys `[prefix/]name`, values ≤ 63 characters of the label-value syntax. */
export const labelsSchema = z.record(z.string(), z.string()).check((ctx) => {
  for (const [key, value] of Object.entries(ctx.value)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: `is invalid: ${problem}.`, path: [key], input: value });
    else if (key.toLowerCase().startsWith('fleet.azure.com/')) {
      ctx.issues.push({ code: 'custom', message: "is invalid: the 'fleet.azure.com/' prefix is reserved for labels the service sets.", path: [key], input: value });
    }
  }
});

/** `nodeImageSelection.type` values. */
export const nodeImageSelectionTypes = ['Latest', 'Consistent', 'Custom'] as const;

/**
 * Kubernetes label selectors as `memberSelector.byLabel` carries them (reference §1.2): a
 * comma-separated list of requirements, all of which must hold: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k` (exists) and `!k` (does not exist).
 */
import { labelKeyProblem, labelValueProblem } from './label-syntax.js';
import { invalid } from './to-arm-error.js';

/** The longest selector string accepted. */
export const maxLabelSelectorLength = 512;

/** The requirement operators, as Kubernetes names them. */
export const labelOperators = ['Equals', 'NotEquals', 'In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
/** One of {@link labelOperators}. */
export type LabelOperator = (typeof labelOperators)[number];

/** One requirement; `values` is empty for `Exists` and `DoesNotExist`, one value for (Not)Equals. */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed selector: matches when every requirement holds. */
export interface LabelSelector {
  requirements: LabelRequirement[];
}

const token = String.raw`[^\s,()=!]+`;
const notExists = new RegExp(String.raw`^!\s*(${token})$`);
const exists = new RegExp(String.raw`^(${token})$`);
const equality = new RegExp(String.raw`^(${token})\s*(==|=|!=)\s*([^\s,()=!]*)$`);
const setBased = new RegExp(String.raw`^(${token})\s+(in|notin)\s*\(([^()]*)\)$`);

/** Splits at commas outside parentheses; throws on unbalanced or nested parentheses. */
function splitRequirements(selector: string, target: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i += 1) {
    const c = selector[i];
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (depth < 0 || depth > 1) throw invalid(target, `'${target}': unbalanced or nested parentheses at position ${i + 1} of '${selector}'.`);
    if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) throw invalid(target, `'${target}': missing ')' in '${selector}'.`);
  parts.push(selector.slice(start).trim());
  return parts;
}

function requirementOf(text: string, target: string): LabelRequirement {
  const set = setBased.exec(text);
  const eq = equality.exec(text);
  const bang = notExists.exec(text);
  const bare = exists.exec(text);
  let requirement: LabelRequirement;
  if (set?.[1] !== undefined && set[3] !== undefined) {
    const values = set[3].split(',').map((v) => v.trim());
    if (set[3].trim() === '') throw invalid(target, `'${target}': '${text}' needs at least one value in its parentheses.`);
    requirement = { key: set[1], operator: set[2] === 'in' ? 'In' : 'NotIn', values };
  } else if (eq?.[1] !== undefined && eq[3] !== undefined) {
    requirement = { key: eq[1], operator: eq[2] === '!=' ? 'NotEquals' : 'Equals', values: [eq[3]] };
  } else if (bang?.[1] !== undefined) {
    requirement = { key: bang[1], operator: 'DoesNotExist', values: [] };
  } else if (bare?.[1] !== undefined) {
    requirement = { key: bare[1], operator: 'Exists', values: [] };
  } else {
    throw invalid(target, `'${target}': '${text}' is not a label requirement (use k=v, k==v, k!=v, k in (a,b), k notin (a,b), k or !k).`);
  }
  const problem = labelKeyProblem(requirement.key) ?? requirement.values.map(labelValueProblem).find((p) => p !== undefined);
  if (problem !== undefined) throw invalid(target, `'${target}': in '${text}', ${problem}.`);
  return requirement;
}

/**
 * Parses the Kubernetes label selector `selector` (at most 512 characters, at least one
 * requirement), or throws a 400 `InvalidRequestContent` naming `target` and the bad requirement.
 */
export function parseLabelSelector(selector: string, target: string): LabelSelector {
  if (selector.length > maxLabelSelectorLength) throw invalid(target, `'${target}' must be at most ${maxLabelSelectorLength} characters long.`);
  if (selector.trim() === '') throw invalid(target, `'${target}' must contain at least one label requirement.`);
  const parts = splitRequirements(selector, target);
  if (parts.some((p) => p === '')) throw invalid(target, `'${target}': '${selector}' has an empty requirement (stray comma).`);
  return { requirements: parts.map((p) => requirementOf(p, target)) };
}

/** Whether `labels` satisfy one requirement; `!=` and `notin` also match when the key is absent, as in Kubernetes. */
function holds(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const present = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Equals':
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotEquals':
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
  }
}

/** True when `labels` satisfy every requirement of `selector`. */
export const matchesLabels = (selector: LabelSelector, labels: Record<string, string>): boolean =>
  selector.requirements.every((requirement) => holds(requirement, labels));

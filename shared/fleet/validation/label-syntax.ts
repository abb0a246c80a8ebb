/**
 * Kubernetes label key and value syntax (as `k8s.io/apimachinery` validates it), shared by member
 * `labels` and `memberSelector.byLabel`.
 */

const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * What is wrong with label key `key`, or undefined when it is valid: an optional DNS-subdomain
 * prefix (≤ 253 characters) and `/`, then a name of 1–63 alphanumerics, `-`, `_`, `.` that starts
 * and ends with an alphanumeric.
 */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length === 0 || prefix.length > 253 || !dnsSubdomain.test(prefix)) {
      return `the prefix '${prefix}' of label key '${key}' must be a lowercase DNS subdomain of at most 253 characters`;
    }
  }
  if (name.length === 0 || name.length > 63) return `the name part of label key '${key}' must be 1 to 63 characters long`;
  if (!qualifiedName.test(name)) {
    return `the name part of label key '${key}' must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric`;
  }
  return undefined;
}

/**
 * What is wrong with label value `value`, or undefined when it is valid: empty, or at most 63
 * alphanumerics, `-`, `_`, `.` starting and ending with an alphanumeric.
 */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return `label value '${value}' must be at most 63 characters long`;
  if (!qualifiedName.test(value)) return `label value '${value}' must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric`;
  return undefined;
}

/** Structural equality of JSON values, used to tell whether a create-only field changed. */

/**
 * True when the JSON values `a` and `b` are equal: same primitives, arrays equal item by item,
 * objects with the same keys (in any order; keys whose value is undefined are ignored).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const defined = (o: object): [string, unknown][] => Object.entries(o).filter(([, v]) => v !== undefined);
  const left = defined(a);
  const right = new Map(defined(b));
  return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
}

/**
 * Escaping of arbitrary strings into Table Storage key text. Keys may not hold `/`, `\`, `#`, `?`
 * or control characters, and `%` breaks point operations on Azure, so those are escaped; unlike
 * base64, the escaping keeps the order and the prefixes of the strings it encodes, which is what
 * lets a listing by id be a RowKey range query.
 *
 * Every UTF-16 code unit maps to one token: itself when safe, else a leader and fixed-width
 * lower-case hex. Each leader is an allowed character lying inside the run of unsafe characters
 * it stands for (so it is escaped too), which places its tokens exactly where the originals sort.
 */

interface EscapeRange {
  leader: string;
  from: number;
  to: number;
  width: number;
}

const escapeRanges: readonly EscapeRange[] = [
  { leader: '!', from: 0x00, to: 0x23, width: 2 }, // controls, space, ! " #
  { leader: '$', from: 0x24, to: 0x25, width: 2 }, // $ %
  { leader: '.', from: 0x2e, to: 0x2f, width: 2 }, // . /
  { leader: '>', from: 0x3e, to: 0x3f, width: 2 }, // > ?
  { leader: '[', from: 0x5b, to: 0x5c, width: 2 }, // [ \
  { leader: '~', from: 0x7e, to: 0xffff, width: 4 }, // ~, DEL and everything beyond ASCII
];

function escapeUnit(unit: number): string {
  const range = escapeRanges.find((r) => unit >= r.from && unit <= r.to);
  return range ? range.leader + unit.toString(16).padStart(range.width, '0') : String.fromCharCode(unit);
}

/**
 * Escapes `text` into printable ASCII that Table Storage accepts in a key. Injective, and
 * `escapeKey(a) < escapeKey(b)` exactly when `a < b` (code-unit order); `escapeKey(a + b)` is
 * `escapeKey(a) + escapeKey(b)`, so string prefixes stay key prefixes.
 */
export function escapeKey(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += escapeUnit(text.charCodeAt(i));
  return out;
}

/**
 * The smallest key above every key that starts with `prefix` (an exclusive upper bound for a
 * range query). `prefix` must be non-empty printable ASCII below `~`, as {@link escapeKey} and the
 * store's tags produce.
 */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (Number.isNaN(last) || last >= 0x7e) throw new RangeError('prefixEnd needs a non-empty prefix ending below "~"');
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

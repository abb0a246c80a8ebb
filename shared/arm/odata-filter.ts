import { armErrors } from './arm-error.js';

/** A compiled `$filter`: true for the resources it keeps. */
export type ResourceFilter = (resource: unknown) => boolean;

type Token = { kind: 'word' | 'string' | 'paren'; text: string };

const tokenPattern = /\s*(?:'((?:[^']|'')*)'|(\(|\))|([^\s()']+))/y;

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < filter.length) {
    const start = tokenPattern.lastIndex;
    const match = tokenPattern.exec(filter);
    if (!match) {
      if (filter.slice(start).trim() === '') break;
      throw armErrors.invalidParameter(`$filter could not be read near '${filter.slice(start, start + 20)}'.`, '$filter');
    }
    if (match[1] !== undefined) tokens.push({ kind: 'string', text: match[1].replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: 'paren', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3] });
  }
  return tokens;
}

/** The longest `$filter` and the deepest parenthesis nesting accepted. */
const maxFilterLength = 2048;
const maxFilterDepth = 16;

const valueAt = (resource: unknown, path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), resource);

/**
 * Compiles the OData subset ARM list operations take: `path eq 'value'`, `ne`, `and`, `or`,
 * parentheses, and string, number, boolean and null literals; paths use `/`
 * (`properties/state eq 'Pending' and properties/gateType eq 'Approval'`). Comparisons are
 * case-insensitive for strings, as ARM's are. A malformed filter (or one longer than 2,048
 * characters or nesting parentheses deeper than 16) is a 400 naming `$filter`.
 */
export function compileODataFilter(filter: string): ResourceFilter {
  if (filter.length > maxFilterLength) throw armErrors.invalidParameter(`$filter must be at most ${maxFilterLength} characters long.`, '$filter');
  const tokens = tokenize(filter);
  let depth = 0;
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (what: string): never => {
    throw armErrors.invalidParameter(`$filter: ${what} in '${filter}'.`, '$filter');
  };

  const literal = (token: Token | undefined): unknown => {
    if (!token) return fail('a value is missing');
    if (token.kind === 'string') return token.text.toLowerCase();
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
    return fail(`'${token.text}' is not a value`);
  };

  const comparison = (): ResourceFilter => {
    const token = tokens[position++];
    if (token?.kind === 'paren' && token.text === '(') {
      // The parser recurses per parenthesis: bound it rather than let a hostile filter exhaust the stack.
      if (++depth > maxFilterDepth) fail(`parentheses nest deeper than ${maxFilterDepth}`);
      const inner = expression();
      if (tokens[position++]?.text !== ')') fail('a closing parenthesis is missing');
      depth--;
      return inner;
    }
    if (!token || token.kind !== 'word') return fail('a property path is missing');
    const path = token.text.split('/');
    const operator = tokens[position++]?.text.toLowerCase();
    if (operator !== 'eq' && operator !== 'ne') return fail(`only 'eq' and 'ne' are supported, not '${operator ?? ''}'`);
    const expected = literal(tokens[position++]);
    return (resource) => {
      const raw = valueAt(resource, path);
      const actual = typeof raw === 'string' ? raw.toLowerCase() : raw ?? null;
      return operator === 'eq' ? actual === expected : actual !== expected;
    };
  };

  const expression = (): ResourceFilter => {
    let left = comparison();
    for (;;) {
      const joiner = peek()?.text.toLowerCase();
      if (joiner !== 'and' && joiner !== 'or') return left;
      position++;
      const right = comparison();
      const previous = left;
      left = joiner === 'and' ? (r) => previous(r) && right(r) : (r) => previous(r) || right(r);
    }
  };

  const compiled = expression();
  if (position !== tokens.length) fail(`unexpected '${peek()?.text ?? ''}'`);
  return compiled;
}

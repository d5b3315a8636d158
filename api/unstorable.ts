// What no request may carry, wherever in it: text with NUL characters or unpaired UTF-16 surrogates
// (JSON allows both, as `\u0000` and `\ud800`), and nesting deeper than MAX_NESTING levels.
// Postgres stores neither kind of text in text nor in jsonb, and every string a request carries may
// end up there: in a read model row, an audit entry, a workflow's view, or a stored idempotent
// response that echoes it. Refused up front with 400, instead of a 500 from the database or, when it
// reaches a workflow, an activity that fails while the caller waits. Deep nesting is refused before
// anything recursive (validation, hashing, serialisation) walks the value; the walk here is a loop.
import { ApiError } from './errors';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Objects and arrays inside one another; the request body itself is level 1. */
export const MAX_NESTING = 64;

type Problem = { kind: 'text'; path: string[] } | { kind: 'nesting' };

interface Node {
  value: unknown;
  key?: string;
  parent?: Node;
  depth: number;
}

const pathOf = (node: Node | undefined): string[] =>
  node?.key === undefined ? [] : [...pathOf(node.parent), node.key];

/** The first problem in `value`, depth first in document order, or undefined. */
function inspect(value: unknown): Problem | undefined {
  const stack: Node[] = [{ value, depth: 0 }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node.value === 'string') {
      if (UNSTORABLE.test(node.value)) return { kind: 'text', path: pathOf(node) };
      continue;
    }
    if (node.value === null || typeof node.value !== 'object') continue;
    const depth = node.depth + 1;
    if (depth > MAX_NESTING) return { kind: 'nesting' };
    const entries = Object.entries(node.value);
    // The path leads to the object whose property name is at fault, never quoting that name.
    if (entries.some(([key]) => UNSTORABLE.test(key)))
      return { kind: 'text', path: [...pathOf(node), '(a property name)'] };
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node, depth });
  }
  return undefined;
}

/** Where in `value` (strings and property names, at any depth) the first unstorable text is. */
export function findUnstorable(value: unknown): string[] | undefined {
  const problem = inspect(value);
  return problem?.kind === 'text' ? problem.path : undefined;
}

/** `400 VALIDATION_FAILED` for unstorable text or too deep nesting in `value` (the request's `where`). */
export function assertStorable(value: unknown, where: string): void {
  const problem = inspect(value);
  if (!problem) return;
  const [path, message] =
    problem.kind === 'text'
      ? [[where, ...problem.path].join('.'), 'must not contain NUL characters or unpaired UTF-16 surrogates']
      : [where, `must not nest objects and arrays deeper than ${MAX_NESTING} levels`];
  throw new ApiError(400, 'VALIDATION_FAILED', `Invalid request ${where}: ${path} ${message}`, [{ path, message }]);
}

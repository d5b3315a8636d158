// The console's words live in its two message files (web/src/i18n): both name the same messages,
// every message the code asks for by a fixed key exists, and no Chinese or English sentence is
// written into a component instead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const web = path.resolve(import.meta.dirname, '../../web/src');
const load = (file: string) => JSON.parse(readFileSync(path.join(web, 'i18n', file), 'utf8')) as object;

/** Every key of a nested message file, plural forms (`_one`, `_other`) folded into one. */
function keysOf(messages: object, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(messages)) {
    const name = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (value && typeof value === 'object') for (const k of keysOf(value, `${name}.`)) keys.add(k);
    else keys.add(name);
  }
  return keys;
}

function sources(dir = web): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** The code without its comments, which may quote the words users see (they say what a module is for). */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe("the console's message files", () => {
  const zh = keysOf(load('zh-CN.json'));
  const en = keysOf(load('en.json'));

  it('name the same messages in Chinese and English', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('have every message the code asks for by a fixed key', () => {
    const asked = sources().flatMap((file) =>
      [...code(file).matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!),
    );
    expect(asked.length).toBeGreaterThan(100);
    expect([...new Set(asked)].filter((key) => !zh.has(key))).toEqual([]);
  });

  it('leave no Chinese or English sentence in the components', () => {
    const offending = sources().flatMap((file) => {
      const text = code(file);
      const han = [...text.matchAll(/[\p{Script=Han}]+/gu)].map((m) => m[0]);
      const jsxText = [...text.matchAll(/>\s*([A-Za-z][A-Za-z ,.'!?]{2,})\s*<\//g)].map((m) => m[1]!);
      return [...han, ...jsxText].map((found) => `${path.relative(web, file)}: ${found}`);
    });
    expect(offending).toEqual([]);
  });
});

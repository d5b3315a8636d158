// Checks on the shape of the code that keep it a codebase a newcomer can carry: no runtime import
// cycles (type-only imports may cross layers both ways; a runtime cycle makes module start-up order
// matter), and workflow files small enough to read as one concern each.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('code shape', () => {
  it('has no runtime import cycles (the same check as `npm run check:cycles`)', async () => {
    const config = JSON.parse(await readFile(path.join(root, '.madgerc'), 'utf8'));
    const graph = await madge(root, {
      ...config,
      baseDir: root,
      excludeRegExp: config.excludeRegExp.map((r: string) => new RegExp(r)),
    });

    expect(graph.circular()).toEqual([]);
  }, 60_000);

  it('keeps every workflow file under 300 lines', async () => {
    const dir = path.join(root, 'workflows');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const lines = await Promise.all(
      files.map(async (f) => [f, (await readFile(path.join(dir, f), 'utf8')).split('\n').length] as const),
    );

    expect(lines.filter(([, n]) => n >= 300)).toEqual([]);
  });
});

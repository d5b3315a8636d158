// Summarises a V8 `.cpuprofile` (from `BENCH_PROFILE=worker,api npm run bench:...`, written to
// .tmp/bench-profiles): busy versus idle time, self time per package or source directory, and the
// hottest functions.
//
//   npx tsx bench/support/cpuProfile.ts .tmp/bench-profiles/worker.cpuprofile [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuProfile.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** Where a frame's code lives: a package, a directory of ours, or V8's own buckets. */
function area(url: string, name: string): string {
  if (!url) return `(${name || 'native'})`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const ours = url.match(/\/work\/[^/]+\/([^/]+)\//);
  return ours ? `${ours[1]}/` : url;
}

const selfByArea = new Map<string, number>();
const selfByFunction = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [i, id] of profile.samples.entries()) {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  total += dt;
  if (functionName === '(idle)') {
    idle += dt;
    continue;
  }
  const where = area(url, functionName);
  selfByArea.set(where, (selfByArea.get(where) ?? 0) + dt);
  const fn = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/work\/[^/]+\//, '')}:${lineNumber + 1}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dt);
}
const busy = total - idle;
const pct = (v: number) => `${((v / busy) * 100).toFixed(1)}%`.padStart(6);
console.log(
  `${file}: ${(total / 1000).toFixed(1)} s sampled, busy ${(busy / 1000).toFixed(1)} s (${((busy / total) * 100).toFixed(0)}%)`,
);
console.log('\nself time by area (share of busy time):');
for (const [k, v] of [...selfByArea].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log('\nhottest functions (self):');
for (const [k, v] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);

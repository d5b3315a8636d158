// Extracts China's official holiday calendar (public holidays and 调休 working weekends) from the
// npm package `chinese-days` into domain/holidays.data.ts, a plain committed data file.
//
// Why a generated file instead of importing chinese-days from domain/: the domain layer is bundled
// into the Temporal workflow sandbox and must give the same answer on every machine forever. The
// package's own date helpers read the process time zone (getDay/getDate on local time), so its
// answers depend on where the worker runs; the JSON it ships is the only part we need, and freezing
// it into a reviewed file makes a calendar change a visible diff instead of a silent upgrade.
//
// Usage: npx tsx scripts/generateHolidays.ts   (after upgrading chinese-days)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const { version } = require('chinese-days/package.json') as { version: string };
const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../domain/holidays.data.ts');

type DayKind = 'off' | 'working';

/** Entries look like "National Day,国庆节,3": keep the Chinese name for the comment. */
const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

function collect(): Map<string, { kind: DayKind; name: string }> {
  const days = new Map<string, { kind: DayKind; name: string }>();
  for (const [date, entry] of Object.entries(data.holidays)) days.set(date, { kind: 'off', name: chineseName(entry) });
  for (const [date, entry] of Object.entries(data.workdays)) {
    if (days.has(date)) throw new Error(`${date} is both a holiday and a working day in chinese-days@${version}`);
    days.set(date, { kind: 'working', name: `${chineseName(entry)}调休上班` });
  }
  return days;
}

function coveredYears(dates: string[]): { first: number; last: number } {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new Error('chinese-days has no holiday data');
  // A missing year in the middle would silently read as "weekends only" while not being flagged
  // provisional: refuse to generate rather than ship that.
  if (years.length !== last - first + 1) throw new Error(`gap in covered years: ${years.join(', ')}`);
  return { first, last };
}

function render(): string {
  const days = collect();
  const dates = [...days.keys()].sort();
  const { first, last } = coveredYears(dates);
  const lines: string[] = [];
  let year = '';
  for (const date of dates) {
    const { kind, name } = days.get(date)!;
    if (date.slice(0, 4) !== year) {
      year = date.slice(0, 4);
      lines.push(`  // ${year}`);
    }
    lines.push(`  '${date}': '${kind}', // ${name}`);
  }
  return `// GENERATED from chinese-days@${version} (dist/chinese-days.json) by scripts/generateHolidays.ts.
// Do not edit by hand. Regenerate after upgrading chinese-days: npx tsx scripts/generateHolidays.ts
//
// China's official working-day calendar (国务院办公厅 annual holiday notices): every date that
// differs from the plain Monday-to-Friday rule, i.e. public holidays and their bridge days
// ('off', weekend days inside a holiday are listed too) and weekend days declared working days
// ('working', 调休上班). Years outside FIRST_COVERED_YEAR..LAST_COVERED_YEAR are unknown.

export const HOLIDAY_DATA_SOURCE = 'chinese-days@${version}';
export const FIRST_COVERED_YEAR = ${first};
export const LAST_COVERED_YEAR = ${last};

export type DayOverride = 'off' | 'working';

export const DAY_OVERRIDES: Readonly<Record<string, DayOverride>> = Object.freeze({
${lines.join('\n')}
});
`;
}

writeFileSync(target, render());
console.log(`wrote ${path.relative(process.cwd(), target)} from chinese-days@${version}`);

// axe-core in the page: injected through the DevTools protocol (the console's CSP allows no inline
// script, and evaluation is not subject to it), run on the whole document, serious and critical
// violations reported with the elements they concern.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { WIDTHS } from './browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const results = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    })))`,
  )) as Violation[];
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Waits for the page's finite animations (a closing dropdown fading out, a drawer sliding in) to end:
 * axe measures colours as rendered, and a half-transparent element mid-fade fails contrast although
 * nobody reads it in that state. Endless ones (spinners) are not waited for.
 */
export const settled = (page: Page) =>
  page.evaluate(`Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => undefined)))`);

/** The serious and critical violations at each width of WIDTHS (ids marked `@width`), once the layout has settled. */
export async function violationsAtWidths(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    await settled(page);
    violations.push(...(await seriousViolations(page)).map((v) => ({ ...v, id: `${v.id}@${width}` })));
  }
  return violations;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ target: unknown; html: string; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) over the page as it is now. The app's CSP allows no inline or
 * injected script, so axe's source is evaluated through the DevTools protocol (page.evaluate), which
 * the CSP does not govern; nothing is added to the page's own scripts.
 */
export async function axeViolations(page: Page, where: string): Promise<Array<AxeViolation & { where: string }>> {
  // The source as the expression itself (an eval inside the page would be refused by the CSP).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200), ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })) }));
  });
  return result.map((v) => ({ ...v, where }));
}

/** Only what the suite refuses: critical and serious violations. */
export function serious(violations: ReadonlyArray<AxeViolation & { where: string }>) {
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

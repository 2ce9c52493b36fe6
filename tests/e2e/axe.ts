/**
 * Accessibility checks in the browser tests: axe-core runs on the whole page at a checkpoint and
 * the step fails on any serious or critical violation of WCAG 2.0/2.1 A and AA or of axe's best
 * practices, naming the rule, the elements and the checkpoint.
 *
 * Every checkpoint is also tallied (see `axeTally`); with AXE_TALLY=<file> set, each one is
 * appended to that file as a JSON line, which is how the counts in an audit are gathered.
 * AXE_REPORT_ONLY=1 (audits only, never in `npm test`) tallies without failing, so that one run
 * counts every checkpoint instead of stopping at the first failing one.
 */
import fs from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The rule sets checked. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The impacts that fail a checkpoint. */
const FAILING: ReadonlySet<string> = new Set(['serious', 'critical']);

/** How many elements of one violation the failure message shows. */
const NODES_SHOWN = 3;

/** A part of the page left out of a check, and why (a reason is required). */
export interface AxeExclusion {
  selector: string;
  reason: string;
}

export interface AxeOptions {
  /** Parts of the page left out; none by default. Each needs a reason, repeated in the tally. */
  exclude?: AxeExclusion[];
}

/** What one checkpoint found. */
export interface AxeCheckpoint {
  checkpoint: string;
  url: string;
  /** Serious and critical violations: rule id → number of elements. */
  failing: Record<string, number>;
  /** Moderate and minor ones, reported but not failing. */
  other: Record<string, number>;
  excluded: AxeExclusion[];
}

const tally: AxeCheckpoint[] = [];

/** The checkpoints run so far in this test file. */
export function axeTally(): readonly AxeCheckpoint[] {
  return tally;
}

/** The violation as axe returns it (only what is used here). */
interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** Puts axe in the page unless this page load has it already. */
async function injectAxe(page: Page): Promise<void> {
  const present = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (await present()) return;
  // The app's Content-Security-Policy (script-src 'self') refuses an inline script tag; then the
  // same source is evaluated through the DevTools protocol, which the policy does not govern.
  await page.addScriptTag({ content: axe.source }).catch(() => undefined);
  if (!(await present())) await page.evaluate(axe.source);
  if (!(await present())) throw new Error('axe-core could not be loaded into the page');
}

/** Runs axe on the whole page; fails with a readable list of the serious and critical violations. */
export async function expectAccessible(page: Page, checkpoint: string, options: AxeOptions = {}): Promise<void> {
  const excluded = options.exclude ?? [];
  for (const { selector, reason } of excluded) {
    if (!reason?.trim()) throw new Error(`expectAccessible(${checkpoint}): excluding "${selector}" needs a reason`);
  }
  await injectAxe(page);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const runner = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = exclude.length > 0 ? { include: [document], exclude: exclude.map((selector) => [selector]) } : document;
      const results = await runner.run(context as Parameters<typeof runner.run>[0], {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { tags: AXE_TAGS, exclude: excluded.map((e) => e.selector) },
  ) as Violation[];

  const entry: AxeCheckpoint = { checkpoint, url: page.url(), failing: {}, other: {}, excluded };
  for (const v of violations) (FAILING.has(v.impact ?? '') ? entry.failing : entry.other)[v.id] = v.nodes.length;
  tally.push(entry);
  if (process.env.AXE_TALLY) fs.appendFileSync(process.env.AXE_TALLY, JSON.stringify(entry) + '\n');

  const failing = violations.filter((v) => FAILING.has(v.impact ?? ''));
  if (failing.length === 0) return;
  if (process.env.AXE_REPORT_ONLY === '1') console.warn(`AXE_REPORT_ONLY: not failing\n${describe(checkpoint, page.url(), failing)}`);
  else throw new Error(describe(checkpoint, page.url(), failing));
}

/** The failure message: one paragraph per rule, with the first elements. */
function describe(checkpoint: string, url: string, violations: Violation[]): string {
  const lines = [`${violations.length} serious/critical accessibility violation(s) at checkpoint « ${checkpoint} » (${url}):`];
  for (const v of violations) {
    lines.push('', `• ${v.id} [${v.impact}] ${v.help} — ${v.nodes.length} element(s) — ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, NODES_SHOWN)) {
      lines.push(`    ${node.target.map(String).join(' ')}`, `      ${truncate(node.html, 200)}`);
      const summary = node.failureSummary?.split('\n').map((s) => s.trim()).filter(Boolean).slice(1, 3).join(' / ');
      if (summary) lines.push(`      ${truncate(summary, 300)}`);
    }
    if (v.nodes.length > NODES_SHOWN) lines.push(`    … and ${v.nodes.length - NODES_SHOWN} more`);
  }
  return lines.join('\n');
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Run summary in Markdown, sized for a pull-request comment. */
import type { InvocationResult, RunResults, ScenarioResult } from './results.js';
import { verdict } from './results.js';
import { block, code, plain, shellJoin, table, truncate } from './md-text.js';

const ERROR_MAX = 600;

function cliLabel(r: RunResults): string {
  const name = r.cli.name ?? r.cli.spec;
  return r.cli.version ? `${name}@${r.cli.version}` : name;
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The invocation most likely behind the failure: named in the error, else a failed check, else the last one. */
export function failingInvocation(s: ScenarioResult): InvocationResult | null {
  const firstError = s.errors[0] ?? '';
  const named = s.invocations.find((inv) => firstError.includes(inv.id));
  if (named) return named;
  const checked = s.invocations.find((inv) => !inv.schema.ok || !inv.secrets.ok);
  return checked ?? s.invocations[s.invocations.length - 1] ?? null;
}

function describeInvocation(inv: InvocationResult): string {
  const cmd = inv.shell_command ?? shellJoin(inv.args.length > 0 ? inv.args : inv.argv);
  const exit = inv.timed_out ? 'timed out' : inv.signal ? `signal ${inv.signal}` : `exit ${inv.exit_code ?? 'none'}`;
  const checks: string[] = [];
  if (!inv.schema.ok) checks.push(`schema ${inv.schema.schema_id ?? '?'}: ${inv.schema.issues.length} issue(s)`);
  if (!inv.secrets.ok) checks.push(`${inv.secrets.findings.length} secret finding(s)`);
  const extra = checks.length > 0 ? `; ${plain(checks.join('; '))}` : '';
  return `invocation ${code(inv.id)}: ${code(truncate(cmd, 300))} → ${exit}${extra} (transcript ${code(inv.transcript)})`;
}

function failedSection(failed: ScenarioResult[]): string[] {
  if (failed.length === 0) return [];
  const out = [`### ❌ Failed scenarios (${failed.length})`, ''];
  for (const s of failed) {
    out.push(`- **${plain(s.id)}** — ${plain(s.title)} (${code(s.file)})`);
    const inv = failingInvocation(s);
    if (inv) out.push(`  - ${describeInvocation(inv)}`);
    const first = s.errors[0];
    if (first) out.push('', block(truncate(first, ERROR_MAX)).replace(/^/gm, '  '), '');
  }
  return out;
}

function notRunSection(notRun: ScenarioResult[]): string[] {
  if (notRun.length === 0) return [];
  return [
    `### ⚠️ NOT RUN (${notRun.length}) — these checks did not execute and prove nothing`,
    '',
    ...notRun.map((s) => `- **${plain(s.id)}** — ${plain(s.title)}: ${plain(s.not_run_reason ?? 'no reason given')}`),
  ];
}

function skippedSection(skipped: ScenarioResult[]): string[] {
  if (skipped.length === 0) return [];
  return [
    `### Skipped (${skipped.length})`,
    '',
    ...skipped.map((s) => `- ${plain(s.id)}${s.skip_reason ? `: ${plain(s.skip_reason)}` : ''}`),
  ];
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function extrasSection(r: RunResults): string[] {
  const out: string[] = [];
  if (r.schema_coverage) {
    const c = r.schema_coverage;
    const version = c.version ? ` (contract ${plain(c.version)})` : '';
    out.push(`### Schema coverage${version}: ${c.covered}/${c.total} (${percent(c.total === 0 ? 0 : c.covered / c.total)})`);
    if (c.missing.length > 0) out.push('', `Not exercised: ${[...c.missing].sort().map(code).join(', ')}`);
    out.push('');
  }
  if (r.mutation) {
    const m = r.mutation;
    out.push(`### Mutation score: ${percent(m.score)} (${m.killed} killed, ${m.survived} survived of ${m.total})`);
    if (m.survivors.length > 0) out.push('', `Survivors: ${[...m.survivors].sort().map(code).join(', ')}`);
    out.push('');
  }
  return out;
}

export function renderSummaryMarkdown(r: RunResults): string {
  const v = verdict(r);
  const s = r.summary;
  const scenarios = byId(r.scenarios);
  const of = (status: ScenarioResult['status']) => scenarios.filter((x) => x.status === status);
  const flaky = of('passed').filter((x) => x.flaky);
  const lines = [
    `## ${v === 'PASS' ? '✅' : '❌'} ${v}: ${plain(cliLabel(r))} conformance`,
    '',
    table(['passed', 'failed', 'not run', 'skipped', 'total'], [[s.passed, s.failed, s.not_run, s.skipped, s.total].map(String)]),
    '',
    `- CLI: ${code(r.cli.spec)}${r.cli.integrity ? ` (integrity ${code(r.cli.integrity)})` : ''}; documents shipped: ${r.cli.ships_documents.length > 0 ? [...r.cli.ships_documents].sort().join(', ') : 'none'}`,
    `- Contract: ${plain(r.contract_version ?? 'unknown')}; Stripe backend: ${plain(r.stripe_backend ?? 'none')}; chain: ${plain(r.chain_mode ?? 'none')}`,
    `- Run ${code(r.run_id)}, ${plain(r.started_at)} → ${plain(r.finished_at)}`,
  ];
  if (s.not_run > 0) lines.push('', `> **Warning:** ${s.not_run} scenario(s) did not run; their checks are not covered by this verdict.`);
  if (flaky.length > 0) lines.push('', `Passed only on retry: ${flaky.map((x) => code(x.id)).join(', ')}`);
  const sections = [failedSection(of('failed')), notRunSection(of('not-run')), skippedSection(of('skipped')), extrasSection(r)];
  for (const section of sections) if (section.length > 0) lines.push('', ...section);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * Writes docs/rule-coverage.md: per contract version of ../shared/contract, the obligation
 * sentences of its documents and the rule or the reason (docs/rule-coverage-reasons.json) each
 * has. `--unexplained`: print the target versions' sentences with neither, with their keys.
 *
 *   npx tsx scripts/rule-coverage.ts [--contract DIR] [--unexplained]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_PAGE, REASONS_FILE, TARGET_VERSIONS, generateCoverage, readReasons } from '../harness/rules/obligations/generate.js';
import { uncovered } from '../harness/rules/obligations/coverage.js';
import { excerpt } from '../harness/rules/obligations/render.js';

const args = process.argv.slice(2);
const at = args.indexOf('--contract');
const contractDir = at >= 0 ? args[at + 1] : join(process.cwd(), '..', 'shared', 'contract');
if (!contractDir || !existsSync(contractDir)) {
  console.error(`rule-coverage: no contract documents at ${contractDir ?? '(none)'}; nothing written`);
  process.exit(1);
}
const run = generateCoverage(contractDir, readReasons(REASONS_FILE));
if (args.includes('--unexplained')) {
  for (const c of run.coverages.filter((x) => TARGET_VERSIONS.includes(x.version))) {
    for (const s of uncovered(c)) console.log(`${c.version} ${s.key} ${s.document} § ${s.section}: ${excerpt(s.text, 14)}`);
  }
} else {
  writeFileSync(COVERAGE_PAGE, run.markdown);
  for (const c of run.coverages) console.log(`${c.version}: ${c.counts.obligations} obligation sentences, ${c.counts.withRule} with a rule, ${c.counts.withReason} with a reason, ${c.counts.neither} neither`);
  console.log(`wrote ${COVERAGE_PAGE}`);
}

/** `proof` writes an evidence bundle from a guided first-run; `verify-proof` checks one offline. */
import { join, resolve } from 'node:path';
import { newRunId } from '../report/run-id.js';
import { verifyProofBundle } from '../report/proof.js';
import { parseFlags, UsageError } from './args.js';
import { repoRoot } from './paths.js';
import { runSuite } from './run-command.js';

export async function proofCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('proof', argv, {
    cli: { type: 'string', default: 'reference' },
    out: { type: 'string' },
  });
  const runId = newRunId(new Date());
  const out = resolve(values.out ?? join(repoRoot(), 'reports', `proof-${runId}`));
  const run = await runSuite({
    cli: values.cli ?? 'reference',
    grep: '@proof',
    reportDir: join(repoRoot(), 'reports', runId),
    extraEnv: { ISC_PROOF_OUT: out },
  });
  if (run.results.summary.passed === 0 || run.results.summary.failed > 0) {
    console.error(`proof run failed: see ${run.reportDir}`);
    return 1;
  }
  const verdict = await verifyProofBundle(out);
  if (!verdict.ok) {
    console.error(`proof bundle written but does not verify:\n${verdict.problems.map((p) => `- ${p}`).join('\n')}`);
    return 1;
  }
  console.log(`proof bundle: ${out} (verified)`);
  return 0;
}

export async function verifyProofCommand(argv: string[]): Promise<number> {
  const { positionals } = parseFlags('verify-proof', argv, {}, true);
  if (positionals.length !== 1) throw new UsageError('verify-proof needs exactly one bundle directory');
  const verdict = await verifyProofBundle(resolve(positionals[0]));
  if (verdict.ok) {
    console.log(`proof bundle ${positionals[0]}: OK`);
    return 0;
  }
  console.error(`proof bundle ${positionals[0]} does not verify:\n${verdict.problems.map((p) => `- ${p}`).join('\n')}`);
  return 1;
}

/**
 * `proof` writes an evidence bundle from a guided first-run and signs it (DSSE, Ed25519);
 * `verify-proof` checks one offline, with `--public-key` the signature too.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newRunId } from '../report/run-id.js';
import { ENVELOPE_NAME, signProofBundle, verifyProofBundle, verifySignedProofBundle } from '../report/proof.js';
import { ProofKeyError, keyIdOf, loadPrivateKey, loadPublicKey } from '../report/proof-dsse.js';
import { parseFlags, UsageError } from './args.js';
import { defaultReportRoot } from './paths.js';
import { runSuite } from './run-command.js';
import { defaultCliTarget } from './default-target.js';

async function readKeyFile(flag: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch (err) {
    throw new UsageError(`${flag} ${file}: cannot read the key file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function keyOrUsage<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ProofKeyError) throw new UsageError(err.message);
    throw err;
  }
}

/** The signing key: the user's, or a fresh pair whose public half goes beside the bundle. */
async function signingKey(keyFile: string | undefined, out: string): Promise<{ key: KeyObject; note: string }> {
  if (keyFile !== undefined) {
    const pem = await readKeyFile('--key', keyFile);
    const key = keyOrUsage(() => loadPrivateKey(pem, `--key ${keyFile}`));
    return { key, note: `signed with ${keyFile} (keyid ${keyIdOf(key)})` };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const pubFile = `${out}.pub.pem`;
  await writeFile(pubFile, pubPem);
  return { key: privateKey, note: `signed with a fresh key pair (keyid ${keyIdOf(publicKey)}); public key: ${pubFile}\n${pubPem.trimEnd()}` };
}

export async function proofCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('proof', argv, {
    cli: { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
    'allow-any-name': { type: 'boolean', default: false },
  });
  const runId = newRunId(new Date());
  const out = resolve(values.out ?? join(defaultReportRoot(), `proof-${runId}`));
  // A bad --key fails before a run is spent on it.
  const userKey = values.key === undefined ? null : await signingKey(values.key, out);
  // No --cli: the image-skill package in this folder, else the bundled reference.
  const fallback = values.cli === undefined ? defaultCliTarget() : null;
  const run = await runSuite({
    cli: values.cli ?? fallback?.spec ?? 'reference',
    cliNote: fallback?.why,
    grep: '@proof',
    reportDir: join(defaultReportRoot(), runId),
    allowAnyName: values['allow-any-name'] === true,
    extraEnv: { ISC_PROOF_OUT: out },
  });
  if (run.results.summary.passed === 0 || run.results.summary.failed > 0) {
    // Not run: the proof could not be made under these documents (no rule broken); say why.
    const notRun = run.results.summary.failed > 0 ? [] : run.results.scenarios.filter((s) => s.status === 'not-run');
    if (notRun.length) console.error(`proof not made: ${notRun.map((s) => s.not_run_reason ?? 'no reason given').join('\n')}\nsee ${run.reportDir}`);
    else console.error(`proof run failed: see ${run.reportDir}`);
    return 1;
  }
  const verdict = await verifyProofBundle(out);
  if (!verdict.ok) {
    console.error(`proof bundle written but does not verify:\n${verdict.problems.map((p) => `- ${p}`).join('\n')}`);
    return 1;
  }
  const { key, note } = userKey ?? (await signingKey(undefined, out));
  await signProofBundle(out, key);
  console.log(`proof bundle: ${out} (verified; ${note})`);
  return 0;
}

export async function verifyProofCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseFlags('verify-proof', argv, { 'public-key': { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('verify-proof needs exactly one bundle directory');
  const dir = resolve(positionals[0]);
  const keyFile = values['public-key'];
  let verdict: { ok: boolean; problems: string[] };
  let checked = 'digests only: no --public-key given, signature not checked';
  if (keyFile !== undefined) {
    const pem = await readKeyFile('--public-key', keyFile);
    const key = keyOrUsage(() => loadPublicKey(pem, `--public-key ${keyFile}`));
    verdict = await verifySignedProofBundle(dir, key);
    checked = `signature (keyid ${keyIdOf(key)}) and every digest`;
  } else {
    verdict = await verifyProofBundle(dir);
    if (!existsSync(join(dir, ENVELOPE_NAME))) checked = 'digests only: the bundle is not signed';
  }
  if (verdict.ok) {
    console.log(`proof bundle ${positionals[0]}: OK (${checked})`);
    return 0;
  }
  console.error(`proof bundle ${positionals[0]} does not verify:\n${verdict.problems.map((p) => `- ${p}`).join('\n')}`);
  return 1;
}

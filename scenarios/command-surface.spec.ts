/**
 * What an agent finds when it explores the command surface: every command's `--help`, and a
 * flag the documents require left out. No sentence of the documents in force says what `--help`
 * prints or exits with, so it is observed (shown, never failing); every invocation is kept in
 * the transcripts, so that `diff` can show a release that changes them (issue 29). A required
 * flag left out is held to a rule where a sentence requires the flag (credits buy's
 * --idempotency-key: scenarios/recovery.spec.ts), observed otherwise.
 */
import { test, expect } from '../fixtures/test.js';
import { COMMANDS } from '../harness/rules/commands.js';
import { manifestCommandNames } from '../harness/target/command-manifest.js';
import { inCommandTable } from '../harness/report/command-coverage.js';
import { signedIn } from '../fixtures/scenario-helpers.js';
import type { ResolvedTarget } from '../harness/target/types.js';

/** The commands to ask for help: the command table's, then any the build's commands.json adds. */
function commandsOf(target: ResolvedTarget): string[][] {
  const words = COMMANDS.map((c) => c.words[0]);
  const shipped = target.commandManifest && 'manifest' in target.commandManifest ? manifestCommandNames(target.commandManifest.manifest) : [];
  for (const name of shipped) {
    const w = name.split(' ');
    if (!inCommandTable(w)) words.push(w);
  }
  return words;
}

test('every command answers --help', { tag: ['@help'] }, async ({ cli, contract, target }) => {
  const notZero: string[] = [];
  const sent: string[] = [];
  for (const words of commandsOf(target)) {
    const inv = await cli.runUnchecked([...words, '--help']);
    if (inv.exitCode !== 0) notZero.push(`${words.join(' ')} --help: exit ${inv.exitCode ?? inv.signal ?? 'none'}`);
    const requests = inv.requests.filter((r) => !r.telemetry);
    if (requests.length > 0) sent.push(`${words.join(' ')} --help: ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  }
  await contract.observe("every command's --help exits 0", () => expect(notZero).toEqual([]));
  await contract.observe("--help sends no request to the service", () => expect(sent).toEqual([]));
});

test('a payment flag left out: credits quote without --payment-method', { tag: ['@help', '@credits', '@exit-codes'] }, async ({ cli, contract, fake }) => {
  cli = await signedIn(cli);
  const quote = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--idempotency-key', 'quote-no-method-1', '--json']);
  const quotes = fake.journal.entries().filter((e) => (e.created.quote ?? 0) > 0);
  await contract.observe('credits quote without --payment-method exits 2 and creates no quote', () => {
    expect(quote).toExitWith(2);
    expect(quotes).toEqual([]);
  });
});

/**
 * Documents that lack what the rule catalogue cites: a copy of the reference CLI whose cli.md,
 * llms.txt and skill.md have every section a rule cites removed, and name a contract version
 * the harness has no schema set for (so the package's own documents decide what is stated).
 * `run`, `proof` and `diff` must still complete: a report with a verdict, or a clear error,
 * never a crash (a TypeError, a stack trace). A second copy also carries a defect (a mutant
 * that refuses the example.invalid contact the guide's signup uses): with no rule stated, the
 * failed steps are only observed, and a scenario that cannot go on must say so (not run, with
 * its reason) instead of reading a property of undefined.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../harness/rules/index.js';
import { sectionKey, statedRuleIds, type DocumentSet } from '../../harness/rules/documents.js';
import type { ContractDocument } from '../../harness/rules/types.js';
import { loadResults } from '../../harness/report/results.js';
import { MUTANT_ENV } from '../../harness/target/reference.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');
const reference = join(root, 'fixtures', 'reference-cli');
const DOCUMENTS: ContractDocument[] = ['cli.md', 'llms.txt', 'skill.md'];
/** A version no schema set exists for. */
const UNKNOWN_VERSION = '0.1.99';
/** Breaks the guide's signup (and so every guide flow) for a fresh agent. */
const MUTANT = 'example-invalid-contact-rejected';

const conformance = (cwd: string, args: string[]) => execa(process.execPath, [bin, ...args], { cwd, reject: false, timeout: 150_000 });

test.describe.configure({ timeout: 180_000 });

/** Section titles each document's rules cite, as sectionKey() gives them. */
function citedSections(): Map<ContractDocument, Set<string>> {
  const cited = new Map<ContractDocument, Set<string>>();
  for (const r of RULES) {
    if (!cited.has(r.document)) cited.set(r.document, new Set());
    cited.get(r.document)!.add(sectionKey(r.section));
  }
  return cited;
}

/**
 * The document without the cited sections: a markdown section runs from its heading to the next
 * heading of the same or a higher level (its sub-sections go with it); an llms.txt section from
 * its `Label:` line to the next label. Fenced code is never read as a heading.
 */
function withoutSections(document: ContractDocument, text: string, cited: Set<string>): string {
  const kept: string[] = [];
  let fenced = false;
  // The level of the section being dropped; text before the first heading is the section "(top)".
  let dropping: number | null = cited.has(sectionKey('(top)')) ? 0 : null;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const md = document === 'llms.txt' || fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const label = document === 'llms.txt' && !fenced ? /^([A-Z][A-Za-z0-9 /,'()-]{1,60}):\s*(.*)$/.exec(line) : null;
    const title = md ? md[2] : label ? label[1] : null;
    const level = md ? md[1].length : label ? 1 : null;
    if (title !== null && level !== null) {
      if (dropping !== null && (level <= dropping || dropping === 0)) dropping = null;
      if (dropping === null && cited.has(sectionKey(title))) dropping = level;
    }
    if (dropping === null) kept.push(line);
  }
  return kept.join('\n');
}

/**
 * A package directory: the reference CLI's code, documents that cite nothing. The documents
 * start from the published contract of the reference's version when ../shared/contract has it
 * (so there is something to remove), else from the reference's own documents.
 */
async function trimmedPackage(dir: string): Promise<{ pkg: string; removed: number }> {
  const pkg = join(dir, 'package');
  await cp(reference, pkg, { recursive: true });
  const manifest = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const published = join(root, '..', 'shared', 'contract', manifest.version);
  const cited = citedSections();
  const docs: DocumentSet = {};
  let removed = 0;
  for (const document of DOCUMENTS) {
    const source = existsSync(join(published, document)) ? join(published, document) : join(reference, document);
    const original = await readFile(source, 'utf8');
    let trimmed = withoutSections(document, original, cited.get(document) ?? new Set()).split(manifest.version).join(UNKNOWN_VERSION);
    // The version is named outside any cited section, so these documents, not a recorded list, decide.
    if (document === 'cli.md') trimmed = `${trimmed.trimEnd()}\n\nContract version: ${UNKNOWN_VERSION}\n`;
    removed += original.length - trimmed.length;
    docs[document] = trimmed;
    await writeFile(join(pkg, document), trimmed);
  }
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ ...manifest, version: UNKNOWN_VERSION }, null, 2));
  // Nothing the catalogue cites is left to state.
  expect(statedRuleIds([...RULES], docs)).toEqual([]);
  return { pkg, removed };
}

/** The same package with a mutant always on: its bin sets the mutant, then runs the CLI. */
async function withMutant(pkg: string, dir: string, mutant: string): Promise<string> {
  const mut = join(dir, 'mutant');
  await cp(pkg, mut, { recursive: true });
  const manifest = JSON.parse(await readFile(join(mut, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const original = manifest.bin['image-skill'];
  await writeFile(join(mut, 'bin', 'mutant.mjs'), `process.env.${MUTANT_ENV} ??= ${JSON.stringify(mutant)};\nawait import(${JSON.stringify(`../${original}`)});\n`);
  await writeFile(join(mut, 'package.json'), JSON.stringify({ ...manifest, bin: { 'image-skill': 'bin/mutant.mjs' } }, null, 2));
  return mut;
}

/** Completed: exit 0 or 1 with a report, or a clear error (exit 2); never a crash. */
function expectNoCrash(r: { exitCode?: number; stdout: string; stderr: string }, what: string) {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all, `${what}: no TypeError`).not.toMatch(/TypeError|ReferenceError|RangeError/);
  expect(r.stderr, `${what}: no stack trace`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect([0, 1, 2], `${what} exit code\n${all.slice(-3000)}`).toContain(r.exitCode);
}

test('documents without the sections the catalogue cites: run, proof and diff complete without a crash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-trimmed-'));
  try {
    const { pkg } = await trimmedPackage(dir);
    const broken = await withMutant(pkg, dir, MUTANT);

    const run = await conformance(dir, ['run', '--cli', broken, '--grep', 'guide loop from|signup, whoami', '--workers', '1', '--report-dir', join(dir, 'run')]);
    expectNoCrash(run, 'run');
    expect(run.exitCode, run.stdout + run.stderr).not.toBe(2);
    const results = await loadResults(join(dir, 'run', 'results.json'));
    expect(results.scenarios.length).toBeGreaterThan(1);
    for (const s of results.scenarios) {
      for (const e of s.errors ?? []) expect(e, `${s.id}: a crash inside the scenario`).not.toMatch(/TypeError|ReferenceError/);
      if (s.status === 'not-run') expect(s.not_run_reason, s.id).toBeTruthy();
    }
    // The guide loop cannot get past the refused signup: it says so.
    expect(results.scenarios.find((s) => s.id.startsWith('guide-loop.'))?.status).toBe('not-run');

    const proof = await conformance(dir, ['proof', '--cli', broken, '--out', join(dir, 'proof')]);
    expectNoCrash(proof, 'proof');
    expect(proof.exitCode, proof.stdout + proof.stderr).toBe(1);
    expect(proof.stderr).toMatch(/^proof not made: .*the proof cannot go on/m);

    const diff = await conformance(dir, ['diff', '--base', 'reference', '--head', pkg, '--grep', 'doctor', '--workers', '1', '--out', join(dir, 'diff')]);
    expectNoCrash(diff, 'diff');
    expect(diff.exitCode, diff.stdout + diff.stderr).not.toBe(2);
    expect(existsSync(join(dir, 'diff', 'regression.md'))).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

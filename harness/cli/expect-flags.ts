/** `run --expect FILE [--strict-expectations] [--update-expectations]`: baseline checks before and after the run. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  classify,
  expectationsExit,
  ExpectationsError,
  loadExpectations,
  updatedExpectations,
  writeExpectations,
  type ExpectationsFile,
} from '../report/expectations.js';
import type { RunResults } from '../report/results.js';
import { UsageError } from './args.js';

export interface ExpectFlags {
  file: string | undefined;
  strict: boolean;
  update: boolean;
  /** --grep or --shard: entries nothing exercised are not stale. */
  partial: boolean;
}

async function load(file: string): Promise<ExpectationsFile> {
  try {
    return await loadExpectations(file);
  } catch (err) {
    if (err instanceof ExpectationsError) throw new UsageError(`--expect: ${err.message}`);
    throw err;
  }
}

/** Validates the flags and the baseline before anything runs (exit 2 on a bad one); returns the reporter's env. */
export async function prepareExpectations(flags: ExpectFlags): Promise<Record<string, string>> {
  if (!flags.file) {
    if (flags.strict) throw new UsageError('--strict-expectations needs --expect <file>');
    if (flags.update) throw new UsageError('--update-expectations needs --expect <file> (the file to write)');
    return {};
  }
  const file = resolve(flags.file);
  const creating = flags.update && !existsSync(file);
  if (!creating) await load(file);
  const env: Record<string, string> = { ISC_EXPECT_STRICT: flags.strict ? '1' : '0', ISC_EXPECT_PARTIAL: flags.partial ? '1' : '0' };
  if (!creating) env.ISC_EXPECT = file;
  return env;
}

function cliLabel(r: RunResults): string {
  const name = r.cli.name ?? r.cli.spec;
  return r.cli.version ? `${name}@${r.cli.version}` : name;
}

/** After the run: null without --expect; else the gate's exit code (after writing the file for --update-expectations). */
export async function settleExpectations(flags: ExpectFlags, results: RunResults): Promise<number | null> {
  if (!flags.file) return null;
  const file = resolve(flags.file);
  let report = results.expectations ?? null;
  if (flags.update) {
    const existing = existsSync(file) ? await load(file) : null;
    const next = updatedExpectations(results, existing, { partial: flags.partial, cli: existing?.cli ?? cliLabel(results) });
    await writeExpectations(file, next);
    const before = existing?.expected.length ?? 0;
    console.log(`wrote ${flags.file}: ${next.expected.length} entr${next.expected.length === 1 ? 'y' : 'ies'} (was ${before})`);
    report = classify(results, next, { file: flags.file, strict: flags.strict, partial: flags.partial });
  }
  if (!report) throw new Error(`the run's results.json has no expectations block although --expect ${flags.file} was given`);
  const { exit, reasons } = expectationsExit(report);
  const expected = new Set(report.expected.map((e) => e.scenario)).size;
  if (expected > 0) console.log(`${expected} scenario(s) failing as expected by ${flags.file}`);
  for (const f of report.fixed) console.log(`fixed: ${f.rule}${f.scenario ? ` in ${f.scenario}` : ''} no longer fails; remove it from ${flags.file}`);
  for (const reason of reasons) console.error(reason);
  return exit;
}

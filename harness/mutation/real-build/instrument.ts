/**
 * Instrument JavaScript with Stryker's instrumenter (mutant switching): every mutant goes into one
 * copy of the code, chosen at run time by `globalThis.__stryker__.activeMutant` (see runtime.ts).
 */
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { Logger } from '@stryker-mutator/api/logging';

/** One mutant as the instrumenter lists it, narrowed to what the benchmark needs. */
export interface InstrumentedMutant {
  /** Stryker's id: the switch value, a decimal string. */
  id: string;
  /** File name relative to the package folder. */
  file: string;
  mutatorName: string;
  /** 1-based lines, 0-based columns of the mutated code in the original file (Stryker counts lines from 0). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The replacement code. */
  replacement: string;
}

export interface InstrumentedFile {
  file: string;
  content: string;
}

export interface Instrumented {
  files: InstrumentedFile[];
  mutants: InstrumentedMutant[];
}

const quiet = (): void => undefined;
const silentLogger: Logger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace: quiet,
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: quiet,
  fatal: quiet,
};

/** Instrument the given files (names relative to their package folder; content is the original source). */
export async function instrumentSources(files: readonly InstrumentedFile[]): Promise<Instrumented> {
  const instrumenter = new Instrumenter(silentLogger);
  const result = await instrumenter.instrument(
    files.map((f) => ({ name: f.file, content: f.content, mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  return {
    files: result.files.map((f) => ({ file: f.name, content: f.content })),
    mutants: result.mutants.map((m) => ({
      id: m.id,
      file: m.fileName,
      mutatorName: m.mutatorName,
      line: m.location.start.line + 1,
      column: m.location.start.column,
      endLine: m.location.end.line + 1,
      endColumn: m.location.end.column,
      replacement: m.replacement,
    })),
  };
}

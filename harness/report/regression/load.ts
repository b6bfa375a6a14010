/**
 * Report folders as diff input: results.json, transcripts/, and the documents the build was
 * judged against (`documents/`, written by `diff` beside each run it makes, so a folder can
 * be diffed again later without the build).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DocumentSet } from '../../rules/documents.js';
import type { ContractDocument } from '../../rules/types.js';
import { loadResults } from '../results.js';
import type { SideInput } from './report.js';
import type { TranscriptLoader } from './types.js';

const DOCUMENTS: ContractDocument[] = ['cli.md', 'llms.txt', 'skill.md'];
export const DOCUMENTS_DIR = 'documents';
export const CHANGELOG = 'CHANGELOG.md';

/** The documents saved in a report folder; null when it has none. */
export function readSavedDocuments(dir: string): { documents: DocumentSet | null; changelog: string | null } {
  const folder = join(dir, DOCUMENTS_DIR);
  const documents: DocumentSet = {};
  for (const d of DOCUMENTS) if (existsSync(join(folder, d))) documents[d] = readFileSync(join(folder, d), 'utf8');
  const changelog = existsSync(join(folder, CHANGELOG)) ? readFileSync(join(folder, CHANGELOG), 'utf8') : null;
  return { documents: Object.keys(documents).length > 0 ? documents : null, changelog };
}

/** Save a build's documents (and release notes) into its report folder. */
export function saveDocuments(dir: string, documents: DocumentSet, changelog: string | null): void {
  const folder = join(dir, DOCUMENTS_DIR);
  mkdirSync(folder, { recursive: true });
  for (const d of DOCUMENTS) if (documents[d] !== undefined) writeFileSync(join(folder, d), documents[d] as string);
  if (changelog !== null) writeFileSync(join(folder, CHANGELOG), changelog);
}

/** The package's CHANGELOG.md, when the build has a package folder that ships one. */
export function packageChangelog(packageDir: string | null): string | null {
  if (!packageDir) return null;
  const file = join(packageDir, CHANGELOG);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** One side of a diff from a report folder; documents from the folder unless given. */
export async function loadSide(dir: string, fallback?: { documents: DocumentSet | null; changelog: string | null }): Promise<SideInput> {
  const results = await loadResults(join(dir, 'results.json'));
  const saved = readSavedDocuments(dir);
  return { results, documents: saved.documents ?? fallback?.documents ?? null, changelog: saved.changelog ?? fallback?.changelog ?? null };
}

/** Loader for two report folders on disk (transcript refs are relative to each folder). */
export function transcriptLoaderFor(baseDir: string, headDir: string): TranscriptLoader {
  return (ref, side) => {
    const root = resolve(side === 'base' ? baseDir : headDir);
    const file = resolve(root, ref);
    if (relative(root, file).startsWith('..')) throw new Error(`transcript path ${ref} leaves the report folder`);
    return JSON.parse(readFileSync(file, 'utf8'));
  };
}

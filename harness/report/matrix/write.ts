/** Writes matrix.json and matrix.html into a folder, from loaded reports. */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildMatrix, evidenceTranscripts } from './model.js';
import { renderMatrixHtml, type MatrixHtmlOptions } from './html.js';
import { parseMatrix } from './schema.js';
import type { LoadedReport } from './load.js';
import type { MatrixJson } from './types.js';
import { safeSegment } from '../slug.js';

export const MATRIX_JSON = 'matrix.json';
export const MATRIX_HTML = 'matrix.html';
/** Where --copy-transcripts puts the transcripts the cells link to, beside the page. */
export const COPIED_TRANSCRIPTS = 'matrix.transcripts';

export interface WriteMatrixOptions extends MatrixHtmlOptions {
  /**
   * Copy every transcript a cell's evidence names into <out>/matrix.transcripts/<release>/, so
   * the page's links keep working without the report folders (a page kept in a repository).
   */
  copyTranscripts?: boolean;
}

export interface WrittenMatrix {
  matrix: MatrixJson;
  json: string;
  html: string;
  /** Transcripts named by the evidence that could not be copied (missing files). */
  warnings: string[];
}

function posixRelative(from: string, to: string): string {
  const rel = relative(from, to);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

export function matrixFrom(reports: LoadedReport[], outDir: string): MatrixJson {
  const out = resolve(outDir);
  return buildMatrix(reports.map((r) => ({ results: r.results, reportDir: posixRelative(out, r.dir), stated: r.stated })));
}

export async function writeMatrix(outDir: string, reports: LoadedReport[], opts: WriteMatrixOptions = {}): Promise<WrittenMatrix> {
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  const matrix = matrixFrom(reports, out);
  const warnings: string[] = [];
  if (opts.copyTranscripts) {
    const into = join(out, COPIED_TRANSCRIPTS);
    await rm(into, { recursive: true, force: true });
    const named = evidenceTranscripts(matrix);
    for (const release of matrix.releases) {
      const from = resolve(out, release.report_dir);
      const dest = `${COPIED_TRANSCRIPTS}/${safeSegment(release.id)}`;
      for (const file of [...(named.get(release.id) ?? [])].sort()) {
        const source = resolve(from, file);
        if (!existsSync(source)) {
          warnings.push(`${release.id}: transcript ${file} is not in ${from}`);
          continue;
        }
        const target = resolve(out, dest, file);
        if (!target.startsWith(resolve(out, dest) + sep)) {
          warnings.push(`${release.id}: transcript path ${file} leaves its report folder; not copied`);
          continue;
        }
        await mkdir(dirname(target), { recursive: true });
        await copyFile(source, target);
      }
      release.report_dir = dest;
    }
  }
  parseMatrix(matrix, join(out, MATRIX_JSON));
  const json = join(out, MATRIX_JSON);
  const html = join(out, MATRIX_HTML);
  await writeFile(json, `${JSON.stringify(matrix, null, 2)}\n`);
  await writeFile(html, renderMatrixHtml(matrix, opts));
  return { matrix, json, html, warnings };
}

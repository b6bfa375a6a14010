/**
 * How the mutation run names one scenario test across Playwright runs and projects: the spec
 * file relative to the repository root, then the describe titles and the test title, joined
 * with " › " (the form of a Playwright test-list line).
 */
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';

export const TITLE_SEPARATOR = ' › ';

export interface TestRef {
  /** Spec file relative to the repository root, with forward slashes. */
  file: string;
  /** Describe titles, then the test title. */
  titles: string[];
}

export function testRef(root: string, absoluteFile: string, titlePath: readonly string[]): TestRef {
  // testInfo.titlePath starts with the file's own title; the rest are describes and the test.
  return { file: relative(root, absoluteFile).split(sep).join('/'), titles: titlePath.slice(1) };
}

export function testKey(ref: TestRef): string {
  return [ref.file, ...ref.titles].join(TITLE_SEPARATOR);
}

/** A short, file-name-safe name for a key (coverage folders). */
export function keyFolderName(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

/** One line of a Playwright `--test-list` file selecting this test in `project`. */
export function testListLine(ref: TestRef, project: string): string {
  const parts = [ref.file, ...ref.titles];
  const bad = parts.find((p) => p.includes('›') || p.includes('\n'));
  if (bad !== undefined) throw new Error(`cannot name the test "${testKey(ref)}" in a test list: "${bad}" contains › or a line break`);
  return [`[${project}]`, ...parts].join(TITLE_SEPARATOR);
}

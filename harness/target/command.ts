/** `cmd:<command line>` targets: split the line, find the program, no shell. */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { ShellWordsError, splitShellWords } from './shell-words.js';
import { TargetError } from './types.js';

async function isExecutableFile(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) return false;
  return fs.access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Look a program name up on PATH; absolute path or null. */
export async function findOnPath(program: string, pathVar = process.env.PATH ?? ''): Promise<string | null> {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, program);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

export async function resolveCommandLine(spec: string, line: string): Promise<{ command: string[]; isNode: boolean }> {
  let words: string[];
  try {
    words = splitShellWords(line);
  } catch (err) {
    if (err instanceof ShellWordsError) throw new TargetError(spec, `cannot split the command line: ${err.message}`);
    throw err;
  }
  const [program, ...rest] = words;
  if (!program) throw new TargetError(spec, 'cmd: needs a command line, e.g. cmd:node ./bin/image-skill.mjs');

  let resolved: string;
  if (program.includes('/')) {
    resolved = path.resolve(program);
    const stat = await fs.stat(resolved).catch(() => null);
    if (!stat) throw new TargetError(spec, `program ${resolved} does not exist`);
    if (!(await isExecutableFile(resolved))) throw new TargetError(spec, `program ${resolved} is not an executable file`);
  } else {
    const found = await findOnPath(program);
    if (!found) throw new TargetError(spec, `program "${program}" was not found on PATH (or is not executable)`);
    resolved = found;
  }
  const isNode = path.basename(program) === 'node' || path.basename(program) === 'nodejs';
  // The CLI runs with its cwd in the sandbox, so relative paths the user typed would point
  // nowhere: anchor the arguments that name existing files to where the harness was started.
  const args = await Promise.all(rest.map(anchorExistingPath));
  return { command: [resolved, ...args], isNode };
}

async function anchorExistingPath(word: string): Promise<string> {
  if (word.startsWith('-') || path.isAbsolute(word) || !/[/.]/.test(word)) return word;
  const candidate = path.resolve(word);
  return (await fs.stat(candidate).catch(() => null)) ? candidate : word;
}

/** Read a package directory into the pieces a ResolvedTarget needs. */
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { TargetError, type ContractDocuments } from './types.js';
import { isRecord } from '../json.js';
import { readCommandManifest, type ShippedCommandManifest } from './command-manifest.js';

export const PREFERRED_BIN = 'image-skill';
const DOCUMENT_NAMES = ['cli.md', 'llms.txt', 'skill.md'] as const;
const NODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

export interface PackageInfo {
  packageDir: string;
  name: string | null;
  version: string | null;
  binName: string;
  binPath: string;
  isNode: boolean;
  command: string[];
  /** sha256-<hex> over package.json and the bin file. */
  contentIntegrity: string;
  documents: ContractDocuments;
  /** The package's commands.json, when it ships one. */
  commandManifest: ShippedCommandManifest | null;
}


async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

function pickBin(manifest: Record<string, unknown>, spec: string): { binName: string; relPath: string } {
  const bin = manifest.bin;
  const pkgName = typeof manifest.name === 'string' ? manifest.name : null;
  if (typeof bin === 'string' && bin.trim() !== '') {
    const unscoped = pkgName ? pkgName.replace(/^@[^/]+\//, '') : PREFERRED_BIN;
    return { binName: unscoped, relPath: bin };
  }
  if (isRecord(bin)) {
    const entries = Object.entries(bin).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
    const preferred = entries.find(([k]) => k === PREFERRED_BIN) ?? entries[0];
    if (preferred) return { binName: preferred[0], relPath: preferred[1] };
  }
  throw new TargetError(spec, 'package.json declares no "bin" entry, so there is no CLI to run');
}

/** True when the file is a Node script: by extension or by a `node` shebang. */
export async function looksLikeNodeScript(file: string): Promise<boolean> {
  if (NODE_EXTENSIONS.has(path.extname(file).toLowerCase())) return true;
  const handle = await fs.open(file, 'r');
  try {
    const buf = new Uint8Array(128);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const firstLine = new TextDecoder().decode(buf.subarray(0, bytesRead)).split('\n')[0] ?? '';
    return /^#!.*\bnode(\s|$)/.test(firstLine);
  } finally {
    await handle.close();
  }
}

export async function readDocuments(dir: string): Promise<ContractDocuments> {
  const docs: ContractDocuments = {};
  for (const name of DOCUMENT_NAMES) {
    try {
      docs[name] = await fs.readFile(path.join(dir, name), 'utf8');
    } catch {
      // Absent documents are normal for many builds.
    }
  }
  return docs;
}

export async function readPackageDir(dir: string, spec: string): Promise<PackageInfo> {
  const packageDir = path.resolve(dir);
  const manifestPath = path.join(packageDir, 'package.json');
  if (!(await exists(manifestPath))) throw new TargetError(spec, `no package.json in ${packageDir}`);
  const manifestText = await fs.readFile(manifestPath, 'utf8');
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (err) {
    throw new TargetError(spec, `package.json in ${packageDir} is not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(manifest)) throw new TargetError(spec, `package.json in ${packageDir} is not a JSON object`);

  const { binName, relPath } = pickBin(manifest, spec);
  const binPath = path.resolve(packageDir, relPath);
  const stat = await fs.stat(binPath).catch(() => null);
  if (!stat || !stat.isFile()) {
    throw new TargetError(spec, `bin "${binName}" points to ${relPath}, which does not exist in ${packageDir}`);
  }
  const isNode = await looksLikeNodeScript(binPath);
  if (!isNode) {
    const executable = await fs.access(binPath, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (!executable) throw new TargetError(spec, `bin file ${binPath} is not executable (and is not a Node script)`);
  }

  const hash = createHash('sha256');
  hash.update(manifestText);
  hash.update('\0');
  hash.update(new Uint8Array(await fs.readFile(binPath)));

  return {
    packageDir,
    name: typeof manifest.name === 'string' ? manifest.name : null,
    version: typeof manifest.version === 'string' ? manifest.version : null,
    binName,
    binPath,
    isNode,
    command: isNode ? [process.execPath, binPath] : [binPath],
    contentIntegrity: `sha256-${hash.digest('hex')}`,
    documents: await readDocuments(packageDir),
    commandManifest: await readCommandManifest(packageDir),
  };
}

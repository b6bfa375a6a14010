/**
 * `--node <path | version>`: the Node that runs a Node CLI under test. A path is used as is; a
 * version (22, 24.1, v22.11.0) is this process's own Node when it matches, else the registry's
 * `node-<platform>-<arch>@<version>` package installed once into the target cache (its bin/node).
 */
import { execa } from 'execa';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { installNpmTarget } from './npm.js';
import { TargetError, type ResolvedTarget } from './types.js';
import { matchesVersion, NODE_VERSION_SPEC } from './registry-need.js';

export interface NodeRuntime {
  /** Absolute path of the node binary. */
  path: string;
  /** What `node --version` printed, e.g. v22.11.0. */
  version: string;
}

async function versionOf(flag: string, node: string): Promise<string> {
  const r = await execa(node, ['--version'], { reject: false, timeout: 30_000, stdin: 'ignore' });
  const version = r.stdout.trim();
  if (r.failed || !/^v\d+\.\d+\.\d+/.test(version)) throw new TargetError(`--node ${flag}`, `${node} --version did not print a Node version (${r.shortMessage ?? r.stderr.trim()})`);
  return version;
}

export async function resolveNodeRuntime(flag: string, cacheDir: string): Promise<NodeRuntime> {
  const spec = `--node ${flag}`;
  if (flag.trim() === '') throw new TargetError(spec, 'needs a path to a node binary or a version such as 22');
  if (NODE_VERSION_SPEC.test(flag)) {
    if (matchesVersion(process.version, flag)) return { path: process.execPath, version: process.version };
    const pkg = `node-${process.platform}-${process.arch}@${flag.replace(/^v/, '')}`;
    const installed = await installNpmTarget(spec, pkg, { cacheDir });
    const node = path.join(installed.packageDir, 'bin', 'node');
    return { path: node, version: await versionOf(flag, node) };
  }
  const node = path.resolve(flag);
  const stat = await fs.stat(node).catch(() => null);
  if (!stat?.isFile()) throw new TargetError(spec, `${node} is not a file (give a node binary or a version such as 22)`);
  await fs.access(node, constants.X_OK).catch(() => {
    throw new TargetError(spec, `${node} is not executable`);
  });
  return { path: node, version: await versionOf(flag, node) };
}

/** The target with its Node replaced; only a Node CLI can be run under another Node. */
export function withNodeRuntime(target: ResolvedTarget, node: NodeRuntime): ResolvedTarget {
  if (!target.isNode) throw new TargetError(target.spec, `--node applies to Node CLIs only, and this target runs ${target.command[0]} directly`);
  return { ...target, command: [node.path, ...target.command.slice(1)] };
}

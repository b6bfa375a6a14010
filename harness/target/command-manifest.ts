/**
 * The build's own command list: `commands.json` (schema image-skill.public-command-manifest.v1),
 * shipped at the package root or under skills/<skill>/references/. Read at resolve time; a build
 * without one is normal, and a malformed one is kept as its problem (a warning), never an error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isRecord } from '../json.js';

export const COMMAND_MANIFEST_SCHEMA = 'image-skill.public-command-manifest.v1';
export const COMMAND_MANIFEST_NAME = 'commands.json';

/** One `commands[]` entry: only the fields the harness reads (the file's own names). */
export interface CommandManifestEntry {
  id: string;
  docs_anchor?: string;
  surface?: string;
  mutation?: boolean;
  spend?: boolean;
  /** Subcommand words after the id, e.g. ['packs list', 'quote']. */
  subcommands?: string[];
}

export interface CommandManifest {
  schema: typeof COMMAND_MANIFEST_SCHEMA;
  commands: CommandManifestEntry[];
}

/** What the package ships: the file (relative to the package, `/`-separated) and its manifest, or why it is unusable. */
export type ShippedCommandManifest = { file: string; manifest: CommandManifest } | { file: string; problem: string };

const OPTIONAL_STRINGS = ['docs_anchor', 'surface'] as const;
const OPTIONAL_BOOLEANS = ['mutation', 'spend'] as const;

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

function entry(value: unknown, at: string): CommandManifestEntry {
  if (!isRecord(value)) throw new Error(`${at} is not an object`);
  if (typeof value.id !== 'string' || words(value.id).length === 0) throw new Error(`${at}/id is not a non-empty string`);
  const out: CommandManifestEntry = { id: words(value.id).join(' ') };
  for (const key of OPTIONAL_STRINGS) {
    if (value[key] === undefined) continue;
    const v = value[key];
    if (typeof v !== 'string') throw new Error(`${at}/${key} is not a string`);
    out[key] = v;
  }
  for (const key of OPTIONAL_BOOLEANS) {
    if (value[key] === undefined) continue;
    const v = value[key];
    if (typeof v !== 'boolean') throw new Error(`${at}/${key} is not a boolean`);
    out[key] = v;
  }
  if (value.subcommands !== undefined) {
    const subs = value.subcommands;
    if (!Array.isArray(subs)) throw new Error(`${at}/subcommands is not a list`);
    out.subcommands = subs.map((s: unknown, i) => {
      if (typeof s !== 'string' || words(s).length === 0) throw new Error(`${at}/subcommands/${i} is not a non-empty string`);
      return words(s).join(' ');
    });
  }
  return out;
}

/** The command names a manifest lists: the id alone, or the id with each subcommand ("credits packs list"). */
export function manifestCommandNames(m: CommandManifest): string[] {
  return m.commands.flatMap((c) => (c.subcommands && c.subcommands.length > 0 ? c.subcommands.map((s) => `${c.id} ${s}`) : [c.id]));
}

/** Validate a parsed commands.json; throws naming the first problem (a JSON pointer where there is one). */
export function parseCommandManifest(value: unknown): CommandManifest {
  if (!isRecord(value)) throw new Error('not a JSON object');
  if (value.schema !== COMMAND_MANIFEST_SCHEMA) throw new Error(`/schema is ${JSON.stringify(value.schema ?? null)}, expected "${COMMAND_MANIFEST_SCHEMA}"`);
  if (!Array.isArray(value.commands)) throw new Error('/commands is not a list');
  if (value.help_entries !== undefined && !Array.isArray(value.help_entries)) throw new Error('/help_entries is not a list');
  const manifest: CommandManifest = { schema: COMMAND_MANIFEST_SCHEMA, commands: value.commands.map((c: unknown, i) => entry(c, `/commands/${i}`)) };
  const seen = new Set<string>();
  for (const name of manifestCommandNames(manifest)) {
    if (seen.has(name)) throw new Error(`command "${name}" is listed twice`);
    seen.add(name);
  }
  return manifest;
}

/** Where a package may keep commands.json, in the order looked at: the root, then skills/<skill>/references/ (by name). */
async function candidates(packageDir: string): Promise<string[]> {
  const found = [COMMAND_MANIFEST_NAME];
  const skills = await fs.readdir(path.join(packageDir, 'skills')).catch(() => [] as string[]);
  for (const skill of [...skills].sort()) found.push(`skills/${skill}/references/${COMMAND_MANIFEST_NAME}`);
  return found;
}

/** The package's commands.json: the first one found; null when it ships none. */
export async function readCommandManifest(packageDir: string): Promise<ShippedCommandManifest | null> {
  for (const file of await candidates(packageDir)) {
    let text: string;
    try {
      text = await fs.readFile(path.join(packageDir, ...file.split('/')), 'utf8');
    } catch {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { file, problem: `not valid JSON (${(err as Error).message})` };
    }
    try {
      return { file, manifest: parseCommandManifest(value) };
    } catch (err) {
      return { file, problem: (err as Error).message };
    }
  }
  return null;
}

/** A handed-over ShippedCommandManifest (harness/target/handoff.ts), checked again; throws naming the bad field. */
export function parseShippedCommandManifest(value: unknown): ShippedCommandManifest {
  if (!isRecord(value)) throw new Error('field "commandManifest" is not an object');
  if (typeof value.file !== 'string') throw new Error('field "commandManifest.file" is not a string');
  if (typeof value.problem === 'string') return { file: value.file, problem: value.problem };
  try {
    return { file: value.file, manifest: parseCommandManifest(value.manifest) };
  } catch (err) {
    throw new Error(`field "commandManifest.manifest" is malformed: ${(err as Error).message}`);
  }
}

/** One line for the target description: `commands.json (26 commands)` or why it is not used. */
export function describeCommandManifest(m: ShippedCommandManifest): string {
  if ('problem' in m) return `warning: ${m.file} not used: ${m.problem}`;
  return `${m.file} (${manifestCommandNames(m.manifest).length} commands)`;
}

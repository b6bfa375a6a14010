/**
 * A run of the model as the shell script an agent would have typed: one line per command,
 * ids the CLI printed kept in shell variables (`QUOTE_1=$(image-skill credits quote … | jq -r
 * .data.quote_id)`), the harness's own moves (the payer finishing Checkout) as the fake admin
 * call that makes them. Runnable against `image-skill-conformance serve --payments`.
 */
import { shellQuote } from '../target/shell-words.js';

/** A literal word, or a symbolic id printed as "$NAME". */
export type Word = string | { ref: string };

/** A value to keep from the command's JSON output: `NAME=… | jq -r <path>`. */
export interface Capture {
  name: string;
  /** jq path, e.g. `.data.quote_id`. */
  path: string;
}

export type ScriptLine =
  | { kind: 'cli'; args: Word[]; captures?: Capture[]; exportToken?: boolean }
  | { kind: 'eval'; ref: string; captures?: Capture[] }
  | { kind: 'harness'; what: string; method: 'POST'; path: Word[] };

export interface ReplayInfo {
  seed: number;
  path: string | null;
  /** fast-check's commands replayPath, when it printed one. */
  replayPath: string | null;
  /** The command that reruns this scenario alone. */
  command: string;
}

function word(w: Word): string {
  return typeof w === 'string' ? shellQuote(w) : `"$${w.ref}"`;
}

/** A whole path with its symbolic parts as "$NAME" inside one double-quoted word. */
function urlWord(parts: Word[]): string {
  return `"$IMAGE_SKILL_API_BASE_URL${parts.map((p) => (typeof p === 'string' ? p.replace(/([$`"\\])/g, '\\$1') : `$${p.ref}`)).join('')}"`;
}

function withCaptures(command: string, captures: Capture[] | undefined): string {
  if (!captures || captures.length === 0) return command;
  if (captures.length === 1) return `${captures[0].name}=$(${command} | jq -r '${captures[0].path}')`;
  const reads = captures.map((c) => `${c.name}=$(printf '%s' "$out" | jq -r '${c.path}')`);
  return [`out=$(${command})`, ...reads].join('; ');
}

export function renderLine(line: ScriptLine): string {
  switch (line.kind) {
    case 'cli': {
      const command = ['image-skill', ...line.args.map(word)].join(' ');
      if (line.exportToken) return `export IMAGE_SKILL_TOKEN=$(${command} | jq -r '.data.token')`;
      return withCaptures(command, line.captures);
    }
    case 'eval':
      return withCaptures(`eval "$${line.ref}"`, line.captures);
    case 'harness':
      return `curl -sS -X ${line.method} ${urlWord(line.path)}  # harness: ${line.what}`;
  }
}

/** The whole script: a header saying how to replay, then one line per command run. */
export function renderScript(lines: readonly ScriptLine[], replay: ReplayInfo | null): string {
  const head = ['#!/bin/sh', `# agent loop of ${lines.length} command(s), as fast-check shrank it`];
  if (replay) {
    const env = [`ISC_MODEL_SEED=${replay.seed}`, replay.path ? `ISC_MODEL_PATH=${shellQuote(replay.path)}` : '', replay.replayPath ? `ISC_MODEL_REPLAY_PATH=${shellQuote(replay.replayPath)}` : '']
      .filter(Boolean)
      .join(' ');
    head.push(`# replay: ${env} ${replay.command}`);
  }
  head.push('# against a fake: eval "$(image-skill-conformance serve --payments)"; every command prints one JSON envelope');
  return [...head, ...lines.map(renderLine)].join('\n');
}

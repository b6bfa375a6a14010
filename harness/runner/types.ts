/** One CLI invocation as the harness saw it. Everything a report or a check needs. */
import type { JournalEntry } from '../fake/types.js';

export interface NetworkAttempt {
  host: string;
  port: number;
  /** 'blocked' when refused by the guard; 'allowed' loopback connections are not recorded. */
  outcome: 'blocked';
  api: string; // e.g. 'net.connect', 'fetch', 'dns.lookup'
}

export interface SchemaIssue {
  pointer: string; // JSON pointer into the printed JSON
  expected: string;
  actual: string;
  message: string;
  /** Id of the catalogue rule the failing schema node enforces (its `x-rule`). */
  rule: string | null;
}

export interface SchemaResult {
  /** Schema id that was applied, e.g. '0.1.25/credits-buy.x402'. */
  schemaId: string | null;
  ok: boolean;
  issues: SchemaIssue[];
  /** Why no schema applied (unknown command etc.). */
  note?: string;
}

export interface SecretFinding {
  where: string; // 'stdout' | 'stderr' | 'request:/v1/feedback body' | 'warnings' ...
  invocationId: string;
  excerpt: string; // redacted excerpt
}

export interface Invocation {
  id: string;
  /** argv after the CLI command prefix, as passed. */
  args: string[];
  /** Full argv including the target's command prefix. */
  argv: string[];
  /** When run through a shell (commands the CLI printed), the exact command line and the mapping applied. */
  shell: { original: string; executed: string; prefixMapping: string | null } | null;
  cwd: string;
  /** Environment variables set or removed relative to the harness process (secrets redacted). */
  envChanges: Record<string, string | null>;
  stdin: string | null; // redacted
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Parsed stdout JSON, when stdout was one JSON document. */
  json: unknown;
  /** Set when stdout was not a single JSON document. */
  jsonError: { message: string; firstBytes: string } | null;
  requests: JournalEntry[];
  networkAttempts: NetworkAttempt[];
  /** Files under the sandbox root added, removed or changed by this invocation. */
  fsChanges: FsChange[];
  /** Unprivileged uid the process ran as, when not the harness uid. */
  uid: number | null;
}

/** What the checks found about one invocation (harness/checks): a result beside it, never written into it. */
export interface InvocationChecks {
  /** The documented shape applied to the printed JSON; null when no JSON was printed or the check was skipped. */
  schema: SchemaResult | null;
  /** Tokens found where they must not be. */
  secrets: SecretFinding[];
}

export interface FsChange {
  /** Path relative to the sandbox root. */
  path: string;
  kind: 'added' | 'removed' | 'modified';
  /** Octal mode string like '0600' for files that exist after the invocation. */
  mode: string | null;
  size: number | null;
}

export interface RunOptions {
  stdin?: string;
  /** Set (string) or remove (undefined/null) variables on top of the sandbox environment. */
  env?: Record<string, string | null | undefined>;
  cwd?: string;
  timeoutMs?: number;
  /** Run as this uid/gid (the harness must be root). */
  uid?: number;
  gid?: number;
  /** Skip the automatic schema check for this invocation (only for harness self-tests). */
  skipSchema?: boolean;
}

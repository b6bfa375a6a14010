/**
 * The model of an agent loop: what an agent can know after the commands it ran, and what it
 * expects the service to hold. Ids are symbolic (QUOTE_1, JOB_2, …): the real ids live in the
 * real system's table (real.ts), so the model stays a plain value a script can be printed from.
 */

/** Where the agent's token lives: nowhere yet, in the CLI's saved config, or in IMAGE_SKILL_TOKEN. */
export type TokenHome = 'none' | 'config' | 'env';

export interface QuoteEntry {
  /** Symbolic name, e.g. QUOTE_1. */
  name: string;
  /** The --idempotency-key it was made with (a retry reuses it). */
  key: string;
  /** Credits the quote promised (learned from its output). */
  credits: number;
  /** The payment attempt bought on it, when one was. */
  attempt: string | null;
}

export interface AttemptEntry {
  name: string;
  quote: string;
  credits: number;
  /** The payer finished Checkout and the webhook arrived (the harness played the payer). */
  completed: boolean;
}

export interface GuideEntry {
  /** Symbolic name of the printed next_command, e.g. NEXT_1. */
  name: string;
  stage: string;
  /** Whether the agent ran it already. */
  ran: boolean;
}

export interface Model {
  signedIn: boolean;
  tokenHome: TokenHome;
  /** A config file holding the token exists in the sandbox. */
  configSaved: boolean;
  /** Credits the service should report now (null before signup): free grant + paid grants − debits printed. */
  credits: number | null;
  /** Purchases granted (each exactly once). */
  grants: number;
  quotes: QuoteEntry[];
  attempts: AttemptEntry[];
  /** Jobs the agent made (non-dry-run creates), symbolic. */
  jobs: string[];
  assets: string[];
  guide: GuideEntry | null;
  /** The documents in force state that signup saves the token to config by default. */
  savedSignupDocumented: boolean;
  /** Per prefix, the last number handed out (QUOTE → 2 gives QUOTE_2 next). */
  counters: Record<string, number>;
}

export function initialModel(savedSignupDocumented: boolean): Model {
  return {
    signedIn: false,
    tokenHome: 'none',
    configSaved: false,
    credits: null,
    grants: 0,
    quotes: [],
    attempts: [],
    jobs: [],
    assets: [],
    guide: null,
    savedSignupDocumented,
    counters: {},
  };
}

/** The next symbolic name for a prefix: QUOTE_1, QUOTE_2, … */
export function freshName(m: Model, prefix: string): string {
  const n = (m.counters[prefix] ?? 0) + 1;
  m.counters[prefix] = n;
  return `${prefix}_${n}`;
}

/** An element picked by an index the generator drew (modulo the list's length); undefined for an empty list. */
export function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

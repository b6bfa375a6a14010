/** The request journal: every request the fake saw, attributed to the CLI invocation running at the time. */
import type { Journal, JournalEntry } from './types.js';

/** A journal entry plus the notes handlers attached (see FakeContext.note). */
export interface CoreJournalEntry extends JournalEntry {
  notes: string[];
}

export interface CoreJournal extends Journal {
  entries(): CoreJournalEntry[];
  forInvocation(invocationId: string): CoreJournalEntry[];
  activeInvocation(): string | null;
  record(entry: Omit<CoreJournalEntry, 'seq' | 'at'>): CoreJournalEntry;
  /** Notes made outside any request (timers, chain watchers). */
  looseNotes(): string[];
  addLooseNote(note: string): void;
}

export function redactAuthorization(raw: string, tokenId: string | null): string {
  return /^bearer\s+\S+/i.test(raw) ? `Bearer [redacted:${tokenId ?? 'unknown'}]` : '[redacted]';
}

/** The entry as it may leave the process (admin API, reports): no raw authorization. */
export function publicEntry(entry: CoreJournalEntry): Omit<CoreJournalEntry, 'rawAuthorization'> & { rawAuthorization: null } {
  return { ...entry, rawAuthorization: null };
}

export function createJournal(now: () => Date = () => new Date()): CoreJournal {
  let entries: CoreJournalEntry[] = [];
  let notes: string[] = [];
  let active: string | null = null;
  let seq = 0;
  return {
    entries: () => [...entries],
    // Admin traffic never counts as the CLI's own requests.
    forInvocation: (id) => entries.filter((e) => e.invocationId === id && !e.admin),
    setActiveInvocation(id) {
      active = id;
    },
    activeInvocation: () => active,
    clear() {
      entries = [];
      notes = [];
    },
    record(entry) {
      const full: CoreJournalEntry = { seq: ++seq, at: now().toISOString(), ...entry };
      entries.push(full);
      return full;
    },
    looseNotes: () => [...notes],
    addLooseNote(note) {
      notes.push(note);
    },
  };
}

/**
 * Which rules the active documents state. A known contract version uses the list recorded
 * from its documents (schemas/examples/<v>/stated-rules.json); documents of any other
 * version decide for themselves, quote by quote.
 */
import { RULES } from './index.js';
import { statedRuleIds } from './documents.js';
import type { DocumentSet } from './documents.js';
import { readStatedRules } from '../checks/schema-files.js';

export interface StatedRules {
  ids: ReadonlySet<string>;
  source: 'recorded' | 'package-documents' | 'all-rules';
  /** Catalogue rules these documents do not state (reported, never checked as failures). */
  notStated: string[];
}

export function statedRules(version: string, documents?: DocumentSet): StatedRules {
  const recorded = readStatedRules(version);
  const all = RULES.map((r) => r.id);
  let ids: string[];
  let source: StatedRules['source'];
  if (recorded) {
    ids = recorded;
    source = 'recorded';
  } else if (documents && Object.keys(documents).length > 0) {
    ids = statedRuleIds([...RULES], documents);
    source = 'package-documents';
  } else {
    ids = all;
    source = 'all-rules';
  }
  const set = new Set(ids);
  return { ids: set, source, notStated: all.filter((id) => !set.has(id)) };
}

/** Contract drift between two CLI packages: which version each ships, and how their output schemas differ. */
import { loadSchemaSet, pickContractVersion } from './schema-registry.js';
import type { PackageDocuments } from './schema-registry.js';
import { diffSchemaSets } from './schema-diff.js';
import type { SchemaChange } from './schema-diff.js';

export interface DocumentsSchemaDiff {
  base: { version: string; source: string };
  head: { version: string; source: string };
  changes: SchemaChange[];
  warnings: string[];
}

export function documentsSchemaDiff(base: PackageDocuments, head: PackageDocuments): DocumentsSchemaDiff {
  const pickedBase = pickContractVersion({ documents: base });
  const pickedHead = pickContractVersion({ documents: head });
  const setBase = loadSchemaSet(pickedBase.version, base);
  const setHead = loadSchemaSet(pickedHead.version, head);
  return {
    base: { version: pickedBase.version, source: pickedBase.source },
    head: { version: pickedHead.version, source: pickedHead.source },
    changes: diffSchemaSets(setBase, setHead),
    warnings: [...pickedBase.warnings, ...setBase.warnings, ...pickedHead.warnings, ...setHead.warnings].filter((w, i, all) => all.indexOf(w) === i),
  };
}

import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { extractMinimumExamples } from '../../harness/checks/contract-extract.js';
import { shapeKeyForExample } from '../../harness/checks/contract-shapes.js';
import { knownContractVersions, readExamples } from '../../harness/checks/schema-files.js';
import { loadSchemaSet } from '../../harness/checks/schema-registry.js';
import { createAjv } from '../../harness/checks/schema-ajv.js';
import { shapeRules } from '../../harness/rules/index.js';

const CONTRACT_DIR = fileURLToPath(new URL('../../../shared/contract/', import.meta.url));
const SAMPLES_DIR = fileURLToPath(new URL('../fixtures/contract/samples/', import.meta.url));

/** Documented fields the prose makes conditional: the `optional` pointers of the shape's rules (`*` = any item or key). */
function notRequired(key: string, pointer: string): boolean {
  return shapeRules(key)
    .flatMap((r) => r.shape?.optional ?? [])
    .some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`).test(pointer));
}

type Path = Array<string | number>;

/** Every field path in an example (array items: the first item stands for all). */
function fieldPaths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) {
    if (value.length) out.push(...fieldPaths(value[0], [...at, 0]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push([...at, k], ...fieldPaths(v, [...at, k]));
  }
  return out;
}

const pointerOf = (p: Path): string => '/' + p.map((s) => (typeof s === 'number' ? '*' : s)).join('/');

function mutate(example: unknown, path: Path, how: 'remove' | 'retype'): unknown | undefined {
  const copy = structuredClone(example) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (how === 'remove') {
    delete parent[last];
    return copy;
  }
  const v = parent[last];
  if (v === null) return undefined;
  parent[last] = typeof v === 'string' ? 12345 : 'not-the-documented-type';
  return copy;
}

/** A version's examples that a rule of the catalogue checks (the others are listed by loadSchemaSet, not checked). */
function checkedExamples(version: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(readExamples(version)).filter(([key]) => shapeRules(key).some((r) => r.shape?.fromExample)));
}

for (const version of knownContractVersions()) {
  test(`${version}: every schema accepts the version's document examples`, () => {
    const set = loadSchemaSet(version);
    const examples = checkedExamples(version);
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(10);
    const ajv = createAjv();
    for (const [key, example] of Object.entries(examples)) {
      expect(set.schemas[key], `schema for ${key}`).toBeDefined();
      const validate = ajv.compile(set.schemas[key]);
      expect(validate(example), `${version}/${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  test(`${version}: removing or retyping any documented field is rejected`, () => {
    const set = loadSchemaSet(version);
    const ajv = createAjv();
    for (const [key, example] of Object.entries(checkedExamples(version))) {
      const validate = ajv.compile(set.schemas[key]);
      for (const path of fieldPaths(example)) {
        const pointer = pointerOf(path);
        if (!notRequired(key, pointer)) {
          expect(validate(mutate(example, path, 'remove')), `${key} without ${pointer} must fail`).toBe(false);
        }
        const retyped = mutate(example, path, 'retype');
        if (retyped !== undefined) expect(validate(retyped), `${key} with ${pointer} retyped must fail`).toBe(false);
      }
    }
  });

  test(`${version}: every schema compiles and accepts a sample output`, () => {
    const set = loadSchemaSet(version);
    const examples = readExamples(version);
    const ajv = createAjv();
    for (const [key, schema] of Object.entries(set.schemas)) {
      const validate = ajv.compile(schema);
      if (key === 'envelope.success') continue; // exercised through every data sample in schemas-validate
      const file = join(SAMPLES_DIR, `${key}.json`);
      const sample = key in examples ? examples[key] : existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
      expect(sample, `a document example or tests/fixtures/contract/samples/${key}.json`).toBeDefined();
      expect(validate(sample), `${version}/${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
}

test('committed examples equal a fresh extraction from the contract documents', () => {
  test.skip(!existsSync(CONTRACT_DIR), 'shared/contract is not beside this checkout');
  for (const version of knownContractVersions()) {
    const fresh: Record<string, unknown> = {};
    for (const found of extractMinimumExamples(readFileSync(join(CONTRACT_DIR, version, 'cli.md'), 'utf8'))) {
      expect(found.error, `${version} ${found.section}`).toBeUndefined();
      const key = shapeKeyForExample(found.section, found.label);
      expect(key, `${version} ${found.section} / ${found.label} maps to a shape`).not.toBeNull();
      fresh[key as string] = found.example;
    }
    expect(readExamples(version)).toEqual(fresh);
  }
});

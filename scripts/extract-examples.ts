/**
 * Regenerates schemas/examples/<version>/ from the contract documents:
 * one JSON file per "Minimum ... data" example, named by shape key, plus
 * documents.sha256.json (hashes used to recognise a package's documents), plus
 * stated-rules.json (ids of the catalogue rules whose quotes these documents state).
 *
 *   npx tsx scripts/extract-examples.ts [contractDir]   (default ../shared/contract)
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractMinimumExamples } from '../harness/checks/contract-extract.js';
import { shapeKeyForExample } from '../harness/checks/contract-shapes.js';
import { RULES } from '../harness/rules/index.js';
import { statedRuleIds } from '../harness/rules/documents.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contractDir = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'contract'));
const VERSION_DIR = /^\d+\.\d+\.\d+$/;

for (const version of (await readdir(contractDir)).filter((v) => VERSION_DIR.test(v)).sort()) {
  const cliMd = await readFile(join(contractDir, version, 'cli.md'), 'utf8');
  const out = join(repo, 'schemas', 'examples', version);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const found of extractMinimumExamples(cliMd)) {
    const key = shapeKeyForExample(found.section, found.label);
    if (found.error || !key) {
      console.warn(`${version}: skipped ${found.section} / ${found.label}: ${found.error ?? 'no shape for this section'}`);
      continue;
    }
    await writeFile(join(out, `${key}.json`), JSON.stringify(found.example, null, 2) + '\n');
    console.log(`${version}: ${key}`);
  }
  const hashes: Record<string, string> = {};
  for (const doc of ['cli.md', 'llms.txt']) {
    hashes[doc] = createHash('sha256').update(await readFile(join(contractDir, version, doc), 'utf8')).digest('hex');
  }
  await writeFile(join(out, 'documents.sha256.json'), JSON.stringify(hashes, null, 2) + '\n');
  const docs = {
    'cli.md': cliMd,
    'llms.txt': await readFile(join(contractDir, version, 'llms.txt'), 'utf8'),
    'skill.md': await readFile(join(contractDir, version, 'skill.md'), 'utf8'),
  };
  const stated = statedRuleIds([...RULES], docs);
  await writeFile(join(out, 'stated-rules.json'), JSON.stringify(stated, null, 2) + '\n');
  console.log(`${version}: ${stated.length}/${RULES.length} rules stated`);
}

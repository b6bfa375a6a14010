/** Writes docs/admin-api.openapi.json from the stub schemas: `npx tsx scripts/admin-openapi.ts` (`--check` fails when the file is stale). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAdminOpenApi } from '../harness/fake/admin/openapi.js';

const target = fileURLToPath(new URL('../docs/admin-api.openapi.json', import.meta.url));
const text = `${JSON.stringify(buildAdminOpenApi(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${target} is out of date; run npx tsx scripts/admin-openapi.ts`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

'use strict';
// The run-time side of a real build instrumented by Stryker (harness/mutation/real-build/build.ts
// copies this file beside the instrumented code and loads it first). It speaks the mutation run's
// language (harness/mutation/gate.ts), the same variables the reference CLI reads:
//
// - ISC_REFERENCE_MUTANT=<id>: the active mutant, `globalThis.__stryker__.activeMutant`;
// - ISC_REFERENCE_COVERAGE=<dir>: one `<pid>-<random>.jsonl` file per process there, a first line
//   saying where it ran, then each mutant id the code reached (Stryker's coverage counter), written
//   the first time it is reached, so a process that is killed still leaves what it reached.
const { appendFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const ns = globalThis.__stryker__ || (globalThis.__stryker__ = {});
const active = (process.env.ISC_REFERENCE_MUTANT || '').trim();
if (active) ns.activeMutant = active;

const dir = (process.env.ISC_REFERENCE_COVERAGE || '').trim();
if (dir) {
  let file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
  try {
    const where = { home: process.env.HOME || null, cwd: process.cwd(), tmp: process.env.TMPDIR || null };
    appendFileSync(file, `${JSON.stringify(where)}\n`, { mode: 0o666 });
  } catch {
    file = null;
  }
  const seen = new Set();
  const reached = new Proxy(
    {},
    {
      set(target, key, value) {
        if (file && typeof key === 'string' && !seen.has(key)) {
          seen.add(key);
          try {
            appendFileSync(file, `${JSON.stringify(key)}\n`);
          } catch {
            // Best effort, like the reference's records.
          }
        }
        target[key] = value;
        return true;
      },
    },
  );
  ns.mutantCoverage = { static: reached, perTest: {} };
}

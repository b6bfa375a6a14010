/** The exit-code table of cli.md: one rule per row. */
import type { Rule } from '../types.js';

/** The code of the row is what its checks assert ("9 | ..." asserts exit 9). */
const exitRow = (id: string, row: string, summary: string): Rule => ({ id, document: 'cli.md', section: 'Exit Codes', quote: row, summary, asserts: [row.split(' | ')[0]] });

export const EXIT_CODE_RULES: Rule[] = [
  exitRow('exit.code-0-success', '0 | Success', 'a successful command exits 0, and an ok:false envelope never does'),
  exitRow('exit.code-1-generic', '1 | Generic failure', 'a failure no specific row names (an unknown job id) exits 1 (2, reading the id as an invalid argument, is also accepted)'),
  exitRow('exit.code-2-invalid-arguments', '2 | Invalid arguments', 'arguments the documents rule out exit 2, whether the CLI or the service (relayed) refuses them'),
  exitRow('exit.code-3-auth', '3 | Auth required or invalid token', 'a hosted command without a token, or with a token the service refuses, exits 3'),
  exitRow('exit.code-4-capability', '4 | Capability denied', 'a capability the service denies exits 4'),
  exitRow('exit.code-5-quota', '5 | Quota exceeded', 'a create beyond the quota exits 5'),
  exitRow('exit.code-6-content-policy', '6 | Content policy denied', 'a prompt the service refuses by content policy exits 6'),
  exitRow('exit.code-7-provider', '7 | Provider failure', 'a 502 PROVIDER_FAILURE answer (the pair cli.md names) exits 7'),
  exitRow('exit.code-8-timeout', '8 | Timeout', 'a command that stops waiting (jobs wait past its --timeout-ms, a service that has not answered) exits 8'),
  exitRow('exit.code-9-filesystem', '9 | Filesystem or artifact storage failure', 'a local file that cannot be written (config, an existing output file) exits 9'),
];

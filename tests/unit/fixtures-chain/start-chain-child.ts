/**
 * Child process for the cleanup tests: starts a local chain, prints
 * {"anvilPid":N} on one line, then ends the way argv[2] says:
 *   wait   - idle until a signal arrives
 *   throw  - uncaught exception
 *   exit   - process.exit(0) without stopping the chain
 */
import { startChain } from '../../../harness/chain/index.js';

const mode = process.argv[2] ?? 'wait';
const chain = await startChain({ forkUrl: null });
process.stdout.write(`${JSON.stringify({ anvilPid: chain.anvilPid ?? null })}\n`);

if (mode === 'throw') {
  setTimeout(() => {
    throw new Error('deliberate uncaught failure');
  }, 10);
} else if (mode === 'exit') {
  process.exit(0);
} else {
  // The anvil child keeps the event loop alive; this timer is only a safety net.
  setTimeout(() => process.exit(3), 30_000);
}

/**
 * `setup`: make sure the browser scenario has a Chromium, saying what was found or installed;
 * with `--node <version>`, also install that Node into the target cache (for `run --node`),
 * printing where it is.
 */
import { parseFlags } from './args.js';
import { ensureBrowser } from './browser-setup.js';
import { resolveNodeRuntime } from '../target/node-runtime.js';
import { defaultCacheDir } from '../target/cache.js';
import { TargetError } from '../target/types.js';

export async function setupCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('setup', argv, { node: { type: 'string' } });
  const result = await ensureBrowser();
  for (const line of result.log) console.log(line);
  if (values.node !== undefined) {
    try {
      console.log(nodeLine(values.node, await resolveNodeRuntime(values.node, defaultCacheDir())));
    } catch (err) {
      if (!(err instanceof TargetError)) throw err;
      console.error(`setup --node ${values.node}: ${err.cause_}`);
      return 2;
    }
  }
  return result.path ? 0 : 1;
}

/** `node 22: v22.23.5 at /path/bin/node`: one line, also read by bin/run-tests.mjs. */
export function nodeLine(flag: string, node: { version: string; path: string }): string {
  return `node ${flag}: ${node.version} at ${node.path}`;
}

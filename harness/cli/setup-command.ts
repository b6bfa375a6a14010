/** `setup`: make sure the browser scenario has a Chromium, saying what was found or installed. */
import { parseFlags } from './args.js';
import { ensureBrowser } from './browser-setup.js';

export async function setupCommand(argv: string[]): Promise<number> {
  parseFlags('setup', argv, {});
  const result = await ensureBrowser();
  for (const line of result.log) console.log(line);
  return result.path ? 0 : 1;
}

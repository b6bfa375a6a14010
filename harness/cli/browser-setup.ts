/**
 * The browser the Checkout scenario needs: found (CHROMIUM_PATH, Playwright's own, the system's
 * /usr/bin/chromium), else installed: Playwright's own download first, then the system package
 * manager when running as root. Every step is reported, so the user knows what happened.
 */
import { execa } from 'execa';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_CHROMIUM_PATH, findChromium } from '../../fixtures/browser.js';
import { findOnPath } from '../target/command.js';

export interface BrowserSetupSteps {
  find(): string | null;
  /** Try one installer; resolves to a short failure reason, or null when it succeeded. */
  installWithPlaywright(): Promise<string | null>;
  /** null when there is no usable system package manager (not root, no apt-get). */
  systemInstaller(): Promise<{ name: string; run(): Promise<string | null> } | null>;
}

export interface BrowserSetupResult {
  path: string | null;
  /** What was done, one line each, in order. */
  log: string[];
}

export async function ensureBrowser(steps: BrowserSetupSteps = defaultSteps()): Promise<BrowserSetupResult> {
  const found = steps.find();
  if (found) return { path: found, log: [`browser: found ${found}; nothing installed`] };
  const log = ['browser: none found (CHROMIUM_PATH unset, no Playwright Chromium, no ' + DEFAULT_CHROMIUM_PATH + ')'];
  const viaPlaywright = await steps.installWithPlaywright();
  const afterPlaywright = viaPlaywright === null ? steps.find() : null;
  if (afterPlaywright) return { path: afterPlaywright, log: [...log, `browser: installed Playwright's Chromium with "npx playwright install chromium": ${afterPlaywright}`] };
  log.push(`browser: "npx playwright install chromium" did not give a browser (${viaPlaywright ?? 'nothing found afterwards'})`);
  const system = await steps.systemInstaller();
  if (!system) return { path: null, log: [...log, 'browser: no system package manager to fall back to (needs root and apt-get); install Chromium and set CHROMIUM_PATH'] };
  const viaSystem = await system.run();
  const afterSystem = viaSystem === null ? steps.find() : null;
  if (afterSystem) return { path: afterSystem, log: [...log, `browser: installed the system package with "${system.name}": ${afterSystem}`] };
  return { path: null, log: [...log, `browser: "${system.name}" did not give a browser (${viaSystem ?? 'nothing found afterwards'}); install Chromium and set CHROMIUM_PATH`] };
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

async function attempt(file: string, args: string[], env: Record<string, string> = {}): Promise<string | null> {
  const r = await execa(file, args, { reject: false, timeout: 600_000, stdin: 'ignore', env: { ...process.env, ...env }, stdout: ['pipe', 'inherit'], stderr: ['pipe', 'inherit'] });
  if (!r.failed) return null;
  return r.timedOut ? 'timed out' : `exit ${r.exitCode ?? r.signal ?? '?'}: ${firstLine(r.stderr) || firstLine(r.stdout)}`;
}

function defaultSteps(): BrowserSetupSteps {
  const require = createRequire(import.meta.url);
  const playwrightCli = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
  return {
    find: () => findChromium(),
    installWithPlaywright: () => attempt(process.execPath, [playwrightCli, 'install', 'chromium']),
    systemInstaller: async () => {
      const aptGet = await findOnPath('apt-get');
      if (!aptGet || process.getuid?.() !== 0) return null;
      return {
        name: 'apt-get install -y chromium',
        run: async () => (await attempt(aptGet, ['update', '-qq'], { DEBIAN_FRONTEND: 'noninteractive' })) ?? attempt(aptGet, ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' }),
      };
    },
  };
}

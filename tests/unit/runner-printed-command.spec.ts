import { test, expect } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { preparePrintedCommand } from '../../harness/runner/printed-command.js';
import { createSandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';

const CLIS = path.resolve('tests/fixtures/clis');
const prep = (line: string, placeholders: Record<string, string> = {}) => preparePrintedCommand(line, { placeholders, targetWrapperName: 'image-skill' });

test.describe('package-runner prefixes map to the sandbox wrapper', () => {
  const cases: Array<[string, string, string]> = [
    ['npx -y image-skill@latest whoami --json', 'image-skill whoami --json', 'npx -y image-skill@latest'],
    ['npx image-skill@latest doctor', 'image-skill doctor', 'npx image-skill@latest'],
    ['npx -y image-skill models list', 'image-skill models list', 'npx -y image-skill'],
    ['npm exec image-skill@latest -- usage quota --json', 'image-skill usage quota --json', 'npm exec image-skill@latest --'],
    ['image-skill trust --json', 'image-skill trust --json', 'image-skill'],
    [
      'IMAGE_SKILL_CONFIG_PATH="$PWD/x/config.json" npx -y image-skill@latest signup --agent --json',
      'IMAGE_SKILL_CONFIG_PATH="$PWD/x/config.json" image-skill signup --agent --json',
      'npx -y image-skill@latest',
    ],
    [
      `printf '%s\\n' "$IMAGE_SKILL_TOKEN" | npx -y image-skill@latest usage quota --token-stdin --json`,
      `printf '%s\\n' "$IMAGE_SKILL_TOKEN" | image-skill usage quota --token-stdin --json`,
      'npx -y image-skill@latest',
    ],
  ];
  for (const [line, executed, prefix] of cases) {
    test(line, () => {
      const out = prep(line);
      expect(out.executed).toBe(executed);
      expect(out.prefixMapping).toBe(`${prefix} → image-skill (sandbox wrapper)`);
    });
  }

  test('a line with no CLI call has no mapping and runs unchanged', () => {
    expect(prep('echo npx -y image-skill@latest')).toEqual({ executed: 'echo npx -y image-skill@latest', prefixMapping: null, filled: {}, cliArgs: null });
  });
});

test('UPPER_CASE placeholders are filled, quoted for where they stand', () => {
  const out = prep(`npx -y image-skill@latest signup --agent-contact AGENT_OR_OPERATOR_INBOX --agent-name "AGENT_NAME" --prompt 'PROMPT' --idempotency-key=KEY`, {
    AGENT_OR_OPERATOR_INBOX: 'agent@example.invalid',
    AGENT_NAME: 'my "agent"',
    PROMPT: "it's $5",
    KEY: 'k 1',
  });
  expect(out.executed).toBe(`image-skill signup --agent-contact agent@example.invalid --agent-name "my \\"agent\\"" --prompt 'it'\\''s $5' --idempotency-key='k 1'`);
  expect(out.filled).toEqual({ AGENT_OR_OPERATOR_INBOX: 'agent@example.invalid', AGENT_NAME: 'my "agent"', PROMPT: "it's $5", KEY: 'k 1' });
  expect(out.cliArgs).toEqual(['signup', '--agent-contact', 'agent@example.invalid', '--agent-name', 'my "agent"', '--prompt', "it's $5", '--idempotency-key=k 1']);
});

test('variables, assignment names, flag names and words inside prose are not placeholders', () => {
  const line = 'IMAGE_SKILL_CONFIG_PATH="$PWD/c.json" image-skill create --prompt "a photo of NYC at DUSK" --token "${IMAGE_SKILL_TOKEN}" --X-FLAG-NAME $HOME_DIR';
  expect(prep(line)).toMatchObject({ executed: line, filled: {} });
});

test('an unknown placeholder is an error naming it and the command', () => {
  const line = 'npx -y image-skill@latest credits status --quote-id QUOTE_ID --json';
  expect(() => prep(line, { PAYMENT_ATTEMPT_ID: 'pa_1' })).toThrow(/placeholder QUOTE_ID.*credits status --quote-id QUOTE_ID/);
});

test('runPrinted runs the line with bash in work/, through the wrapper, never a registry', async () => {
  const sandbox = await createSandbox({ label: 'printed' });
  try {
    const target = await resolveTarget(path.join(CLIS, 'ok-json'));
    const runner = createCliRunner({ target, sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const inv = await runner.runPrinted('IMAGE_SKILL_CONFIG_PATH="$PWD/state/c.json" npx -y image-skill@latest signup --agent-name AGENT_NAME --json', {
      placeholders: { AGENT_NAME: 'bot' },
    });
    expect(inv.exitCode).toBe(0);
    expect(inv.shell).toEqual({
      original: 'IMAGE_SKILL_CONFIG_PATH="$PWD/state/c.json" npx -y image-skill@latest signup --agent-name AGENT_NAME --json',
      executed: 'IMAGE_SKILL_CONFIG_PATH="$PWD/state/c.json" image-skill signup --agent-name bot --json',
      prefixMapping: 'npx -y image-skill@latest → image-skill (sandbox wrapper)',
    });
    expect(inv.args).toEqual(['signup', '--agent-name', 'bot', '--json']);
    const data = (inv.json as { data: { args: string[]; cwd: string; env: Record<string, string> } }).data;
    expect(data.args).toEqual(['signup', '--agent-name', 'bot', '--json']);
    expect(data.cwd).toBe(sandbox.work);
    expect(data.env.IMAGE_SKILL_CONFIG_PATH).toBe(path.join(sandbox.work, 'state/c.json'));
    // The wrapper was written before the snapshot, so it is not a change made by the command.
    expect(inv.fsChanges).toEqual([]);

    const piped = await runner.runPrinted(`printf 'abc\\n' | npx -y image-skill@latest x --read-stdin`);
    expect((piped.json as { data: { stdin: string } }).data.stdin).toBe('abc\n');

    const elsewhere = await runner.runPrinted('npx -y some-other-package --help');
    expect(elsewhere.exitCode).toBe(127);
    expect(elsewhere.stderr).toContain("'npx' is disabled in the sandbox");
    expect(await fs.readFile(path.join(sandbox.bin, 'image-skill'), 'utf8')).toContain(target.command[1]);
  } finally {
    await sandbox.dispose();
  }
});

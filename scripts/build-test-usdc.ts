/**
 * Compiles harness/chain/contracts/TestUSDC.sol with the pinned solc npm
 * package and writes harness/chain/artifacts/TestUSDC.json.
 *
 *   npx tsx scripts/build-test-usdc.ts            # write the artifact
 *   npx tsx scripts/build-test-usdc.ts --check    # exit 1 when the committed artifact is stale
 *   ... --check --artifact <path>                 # compare against another file
 *
 * Output is deterministic: fixed compiler settings, no metadata hash in the
 * bytecode, source keyed by its repo-relative path, keys sorted, trailing newline.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { isRecord } from '../harness/json.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const SOURCE_PATH = 'harness/chain/contracts/TestUSDC.sol';
export const ARTIFACT_PATH = join(repoRoot, 'harness/chain/artifacts/TestUSDC.json');
const CONTRACT_NAME = 'TestUSDC';

export const COMPILER_SETTINGS = {
  evmVersion: 'cancun',
  metadata: { appendCBOR: false, bytecodeHash: 'none' },
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const;

function resolveImport(importPath: string): { contents: string } | { error: string } {
  if (!importPath.startsWith('@openzeppelin/contracts/')) {
    return { error: `unexpected import ${importPath}: only @openzeppelin/contracts is available` };
  }
  try {
    return { contents: readFileSync(require.resolve(importPath), 'utf8') };
  } catch (err) {
    return { error: `cannot read ${importPath}: ${String(err)}` };
  }
}

interface CompiledContract {
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}


function pickContract(output: unknown): CompiledContract {
  if (!isRecord(output)) throw new Error('solc returned no JSON object');
  const errors = Array.isArray(output.errors) ? output.errors : [];
  const fatal = errors.filter((e) => isRecord(e) && e.severity === 'error');
  if (fatal.length > 0) {
    const text = fatal.map((e) => (isRecord(e) ? String(e.formattedMessage ?? e.message) : '')).join('\n');
    throw new Error(`solc failed:\n${text}`);
  }
  const contracts = output.contracts;
  const file = isRecord(contracts) ? contracts[SOURCE_PATH] : undefined;
  const contract = isRecord(file) ? file[CONTRACT_NAME] : undefined;
  const evm = isRecord(contract) ? contract.evm : undefined;
  const bytecode = isRecord(evm) && isRecord(evm.bytecode) ? evm.bytecode.object : undefined;
  const deployed = isRecord(evm) && isRecord(evm.deployedBytecode) ? evm.deployedBytecode.object : undefined;
  if (!isRecord(contract) || !Array.isArray(contract.abi) || typeof bytecode !== 'string' || typeof deployed !== 'string') {
    throw new Error(`solc output lacks ${CONTRACT_NAME} abi/bytecode`);
  }
  if (bytecode.length === 0) throw new Error(`${CONTRACT_NAME} compiled to empty bytecode`);
  return { abi: contract.abi, bytecode: `0x${bytecode}`, deployedBytecode: `0x${deployed}` };
}

/** Recursively sorts object keys so the serialized artifact never depends on insertion order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

/** Compiles the contract and returns the artifact file contents. */
export function buildTestUsdcArtifact(): string {
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_PATH]: { content: readFileSync(join(repoRoot, SOURCE_PATH), 'utf8') } },
    settings: COMPILER_SETTINGS,
  };
  const raw: unknown = solc.compile(JSON.stringify(input), { import: resolveImport });
  const compiled = pickContract(JSON.parse(String(raw)));
  const version: unknown = solc.version();
  const artifact = {
    ...compiled,
    compiler: { settings: COMPILER_SETTINGS, version: String(version) },
  };
  return `${JSON.stringify(sortKeys(artifact), null, 2)}\n`;
}

function argValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function main(args: string[]): number {
  const target = resolve(argValue(args, '--artifact') ?? ARTIFACT_PATH);
  const built = buildTestUsdcArtifact();
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      console.error(`missing artifact ${target}; run: npx tsx scripts/build-test-usdc.ts`);
      return 1;
    }
    if (committed !== built) {
      console.error(`${target} differs from a fresh build; run: npx tsx scripts/build-test-usdc.ts`);
      return 1;
    }
    console.log(`${target} is up to date`);
    return 0;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, built);
  console.log(`wrote ${target}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

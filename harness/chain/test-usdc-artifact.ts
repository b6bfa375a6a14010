/** Loads the committed TestUSDC compiler artifact (built by scripts/build-test-usdc.ts). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';

export interface TestUsdcArtifact {
  abi: readonly unknown[];
  bytecode: Hex;
  deployedBytecode: Hex;
}

const ARTIFACT_URL = new URL('./artifacts/TestUSDC.json', import.meta.url);

function isHex(value: unknown): value is Hex {
  return typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value);
}

let cached: TestUsdcArtifact | undefined;

export function loadTestUsdcArtifact(): TestUsdcArtifact {
  if (cached) return cached;
  const parsed: unknown = JSON.parse(readFileSync(fileURLToPath(ARTIFACT_URL), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('TestUSDC.json is not an object');
  const { abi, bytecode, deployedBytecode } = parsed as Record<string, unknown>;
  if (!Array.isArray(abi) || !isHex(bytecode) || !isHex(deployedBytecode)) {
    throw new Error('TestUSDC.json lacks abi/bytecode; run: npx tsx scripts/build-test-usdc.ts');
  }
  cached = { abi, bytecode, deployedBytecode };
  return cached;
}

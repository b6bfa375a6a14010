/** Places TestUSDC at the canonical Base USDC address and deploys the second (wrong) token. */
import { encodeFunctionData, getAddress, type Address, type PublicClient, type TestClient } from 'viem';
import { testUsdcAdminAbi } from './abis.js';
import type { HarnessAccount } from './accounts.js';
import { loadTestUsdcArtifact } from './test-usdc-artifact.js';
import { sendAndWait, waitForSuccess, walletAccount } from './transactions.js';
import { BASE_USDC_ADDRESS } from './types.js';

export interface TokenMetadata {
  name: string;
  symbol: string;
  /** EIP-712 domain version. */
  version: string;
}

/** What Base's USDC reports; its EIP-712 domain is ("USD Coin", "2"). */
export const USDC_METADATA: TokenMetadata = { name: 'USD Coin', symbol: 'USDC', version: '2' };
export const OTHER_TOKEN_METADATA: TokenMetadata = { name: 'Other USD', symbol: 'OUSD', version: '2' };

interface TokenContext {
  publicClient: PublicClient;
  testClient: TestClient;
}

/** Deploys a TestUSDC instance with a constructor, at a normal address; returns that address. */
export async function deployTestToken(ctx: TokenContext, deployer: HarnessAccount, meta: TokenMetadata): Promise<Address> {
  const artifact = loadTestUsdcArtifact();
  const hash = await deployer.wallet.deployContract({
    abi: testUsdcAdminAbi,
    bytecode: artifact.bytecode,
    args: [meta.name, meta.symbol, meta.version],
    account: walletAccount(deployer.wallet),
    chain: deployer.wallet.chain ?? null,
  });
  await waitForSuccess(ctx.publicClient, hash, `deploy ${meta.symbol}`);
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`deploy ${meta.symbol}: receipt has no contract address`);
  return getAddress(receipt.contractAddress);
}

export async function initializeMinter(ctx: TokenContext, caller: HarnessAccount, token: Address, minter: Address): Promise<void> {
  await sendAndWait(ctx.publicClient, caller.wallet, {
    to: token,
    data: encodeFunctionData({ abi: testUsdcAdminAbi, functionName: 'initialize', args: [minter] }),
    what: 'initialize',
  });
}

export async function mintTestToken(
  ctx: TokenContext,
  minter: HarnessAccount,
  token: Address,
  to: Address,
  amountAtomic: bigint,
): Promise<void> {
  await sendAndWait(ctx.publicClient, minter.wallet, {
    to: token,
    data: encodeFunctionData({ abi: testUsdcAdminAbi, functionName: 'mint', args: [to, amountAtomic] }),
    what: 'mint',
  });
}

/**
 * Deploys a template normally (so the runtime code carries its immutables:
 * name, symbol, EIP-712 domain), copies that runtime code to the canonical
 * USDC address with anvil_setCode, then sets the minter there. EIP712 notices
 * that address(this) differs from the template and rebuilds the domain
 * separator for the canonical address. `masterMinter` (default the owner) may mint without limit
 * and configure other minters.
 */
export async function installCanonicalUsdc(ctx: TokenContext, owner: HarnessAccount, masterMinter: Address = owner.address): Promise<Address> {
  const template = await deployTestToken(ctx, owner, USDC_METADATA);
  const runtimeCode = await ctx.publicClient.getCode({ address: template });
  if (!runtimeCode || runtimeCode === '0x') throw new Error('TestUSDC template has no runtime code');
  await ctx.testClient.setCode({ address: BASE_USDC_ADDRESS, bytecode: runtimeCode });
  await initializeMinter(ctx, owner, BASE_USDC_ADDRESS, masterMinter);
  return BASE_USDC_ADDRESS;
}

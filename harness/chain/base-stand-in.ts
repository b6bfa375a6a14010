/**
 * An upstream that looks like Base, for fork-mode tests: an anvil with chain id 8453 and, at
 * Base's USDC address, our FiatToken-compatible TestUSDC whose master minter is an account
 * nobody holds the key of (a fork has to impersonate it, as with real USDC). Loopback only.
 *
 *   const upstream = await startBaseStandIn();
 *   const chain = await startChain({ forkUrl: upstream.rpcUrl, forkBlockNumber: upstream.blockNumber });
 */
import { encodeFunctionData, parseEther, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { fiatTokenMinterAbi } from './abis.js';
import { createHarnessAccount } from './accounts.js';
import { startAnvil } from './anvil.js';
import { createChainClients, type ChainClients } from './clients.js';
import { installCanonicalUsdc } from './tokens.js';
import { waitForSuccess } from './transactions.js';
import { BASE_CHAIN_ID, BASE_USDC_ADDRESS } from './types.js';

export interface BaseStandInOptions {
  /** What sits at Base's USDC address: our FiatToken-compatible token (default), code without the minter views, or nothing. */
  usdc?: 'fiat-token' | 'no-minter-interface' | 'none';
  /** Pause the token's minting (configureMinter/mint revert), so a fork must fund through the storage slot. */
  mintingPaused?: boolean;
  /** Chain id of the upstream; default Base's. */
  chainId?: number;
  port?: number;
}

export interface BaseStandIn {
  rpcUrl: string;
  chainId: number;
  /** USDC's master minter on the upstream (no key is kept for it); null without the fiat-token. */
  masterMinter: Address | null;
  /** The head right after set-up: pin a fork here for a reproducible state. */
  blockNumber: bigint;
  anvilPid: number | undefined;
  stop(): Promise<void>;
}

// Runtime code that stops at once: every call to it returns no data (STOP).
const CODE_WITHOUT_INTERFACE: Hex = '0x00';

export async function startBaseStandIn(opts: BaseStandInOptions = {}): Promise<BaseStandIn> {
  const chainId = opts.chainId ?? BASE_CHAIN_ID;
  const anvil = await startAnvil({ chainId, port: opts.port });
  try {
    const { publicClient, testClient } = createChainClients(anvil.rpcUrl, chainId);
    const ctx = { publicClient, testClient };
    const kind = opts.usdc ?? 'fiat-token';
    let masterMinter: Address | null = null;
    if (kind === 'fiat-token') {
      const deployer = createHarnessAccount(anvil.rpcUrl, chainId);
      await testClient.setBalance({ address: deployer.address, value: parseEther('10') });
      // The master minter is a key-less account, out of reach the way real USDC's is.
      masterMinter = privateKeyToAccount(generatePrivateKey()).address;
      await installCanonicalUsdc(ctx, deployer, masterMinter);
      if (opts.mintingPaused) await pauseMinting(ctx, masterMinter);
    } else if (kind === 'no-minter-interface') {
      await testClient.setCode({ address: BASE_USDC_ADDRESS, bytecode: CODE_WITHOUT_INTERFACE });
      await testClient.mine({ blocks: 1 });
    }
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 });
    return { rpcUrl: anvil.rpcUrl, chainId, masterMinter, blockNumber, anvilPid: anvil.pid, stop: () => anvil.stop() };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

async function pauseMinting(ctx: Pick<ChainClients, 'publicClient' | 'testClient'>, masterMinter: Address): Promise<void> {
  const { publicClient, testClient } = ctx;
  await testClient.setBalance({ address: masterMinter, value: parseEther('1') });
  await testClient.impersonateAccount({ address: masterMinter });
  try {
    const data = encodeFunctionData({ abi: fiatTokenMinterAbi, functionName: 'pause' });
    const hash = await testClient.sendUnsignedTransaction({ from: masterMinter, to: BASE_USDC_ADDRESS, data });
    await waitForSuccess(publicClient, hash, 'base stand-in: pause USDC');
  } finally {
    await testClient.stopImpersonatingAccount({ address: masterMinter });
  }
}

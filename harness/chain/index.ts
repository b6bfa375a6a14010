/**
 * Local Base chain for the x402 exact-amount USDC scenario.
 *
 *   const chain = await startChain();
 *   const watch = watchTransfers(chain, { tokens: [chain.usdc], onTransfer: (t) => seen.push(t) });
 *   await payWithAuthorization(chain, { to: depositAddress, amountAtomic: 5_000_000n });
 *   watch.stop();
 *   await chain.stop();
 */
import { parseEther } from 'viem';
import { createHarnessAccount } from './accounts.js';
import { startAnvil } from './anvil.js';
import { createChainClients } from './clients.js';
import { fundAgentOnFork, type FundingPath } from './fork-funding.js';
import { assertForkableBase, inspectForkUpstream, parseForkBlockNumber } from './fork-preflight.js';
import { deployTestToken, initializeMinter, installCanonicalUsdc, mintTestToken, OTHER_TOKEN_METADATA } from './tokens.js';
import { BASE_USDC_ADDRESS, type ChainHandle, type ForkInfo } from './types.js';

export * from './types.js';
export { usdcBalance, tokenBalance } from './balances.js';
export { watchTransfers, type TransferWatch, type WatchTransfersOptions } from './transfers.js';
export {
  payTransfer,
  payWithAuthorization,
  signTransferAuthorization,
  submitTransferAuthorization,
  authorizationUsed,
  type AuthorizationRequest,
  type TransferAuthorization,
} from './payments.js';
export { setNextBlockTimestamp, increaseTime, latestBlockTimestamp, snapshot, revert, type SnapshotId } from './time.js';
export { USDC_METADATA, OTHER_TOKEN_METADATA } from './tokens.js';
export { ChainRevertError } from './revert-errors.js';
export { ForkPreflightError, preflightFork, describeRpcUrl, parseForkBlockNumber, type ForkProblem, type ForkUpstreamFacts } from './fork-preflight.js';
export { startBaseStandIn, type BaseStandIn, type BaseStandInOptions } from './base-stand-in.js';
export type { FundingPath } from './fork-funding.js';

export interface StartChainOptions {
  /** Fork real Base from this RPC. Default: env BASE_RPC_URL. `null` forces a local chain even when the env var is set. */
  forkUrl?: string | null;
  /** Pin the fork to this upstream block. Default: env BASE_FORK_BLOCK, else the upstream head (recorded in `fork.blockNumber`). */
  forkBlockNumber?: bigint;
  /** Fork funding: try the master-minter path first (default), or go straight to the storage slot. */
  forkFunding?: FundingPath;
  /** Fixed port; default a free one from the OS. */
  port?: number;
  /** USDC minted to the agent, in atomic units (6 decimals). Default 1000 USDC. */
  agentUsdc?: bigint;
}

/** A ChainHandle plus the OS pid of its anvil (for leak checks; undefined without /proc). */
export interface StartedChain extends ChainHandle {
  anvilPid: number | undefined;
}

export const DEFAULT_AGENT_USDC = 1_000_000_000n;
const ACCOUNT_ETH = parseEther('100');

/** Decides local vs fork mode (pure; exported for tests). An empty string counts as unset. */
export function resolveForkUrl(opts: StartChainOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = opts.forkUrl === undefined ? env.BASE_RPC_URL : opts.forkUrl;
  return typeof chosen === 'string' && chosen.trim().length > 0 ? chosen.trim() : undefined;
}

/** The pinned fork block: the option, else env BASE_FORK_BLOCK (pure; exported for tests). */
export function resolveForkBlock(opts: StartChainOptions, env: NodeJS.ProcessEnv = process.env): bigint | undefined {
  return opts.forkBlockNumber ?? parseForkBlockNumber(env.BASE_FORK_BLOCK, 'BASE_FORK_BLOCK');
}

export async function startChain(opts: StartChainOptions = {}): Promise<StartedChain> {
  const forkUrl = resolveForkUrl(opts);
  let fork: Omit<ForkInfo, 'funding'> | undefined;
  if (forkUrl) {
    const pinnedBlock = resolveForkBlock(opts);
    const facts = await inspectForkUpstream(forkUrl, { blockNumber: pinnedBlock });
    // A missing minter interface is left to the funding fallback here; the front end refuses it earlier.
    assertForkableBase(facts, forkUrl, { minterInterface: false });
    fork = { upstreamChainId: facts.chainId, blockNumber: facts.blockNumber, pinned: pinnedBlock !== undefined };
  }
  const anvil = await startAnvil({ forkUrl, forkBlockNumber: fork?.blockNumber, port: opts.port });
  try {
    const { publicClient, testClient } = createChainClients(anvil.rpcUrl);
    const ctx = { publicClient, testClient };
    const agent = createHarnessAccount(anvil.rpcUrl);
    const relayer = createHarnessAccount(anvil.rpcUrl);
    await Promise.all([
      testClient.setBalance({ address: agent.address, value: ACCOUNT_ETH }),
      testClient.setBalance({ address: relayer.address, value: ACCOUNT_ETH }),
    ]);
    const agentUsdc = opts.agentUsdc ?? DEFAULT_AGENT_USDC;

    let forkInfo: ForkInfo | undefined;
    if (fork) {
      const funded = await fundAgentOnFork(ctx, BASE_USDC_ADDRESS, relayer, agent.address, agentUsdc, { prefer: opts.forkFunding });
      forkInfo = { ...fork, funding: funded.path, ...(funded.masterMinterProblem ? { fundingNote: funded.masterMinterProblem } : {}) };
    } else {
      await installCanonicalUsdc(ctx, relayer);
      await mintTestToken(ctx, relayer, BASE_USDC_ADDRESS, agent.address, agentUsdc);
    }
    // The wrong-token case: same contract, other name, at an ordinary address; the agent holds some too.
    const otherToken = await deployTestToken(ctx, relayer, OTHER_TOKEN_METADATA);
    await initializeMinter(ctx, relayer, otherToken, relayer.address);
    await mintTestToken(ctx, relayer, otherToken, agent.address, agentUsdc);

    return {
      rpcUrl: anvil.rpcUrl,
      mode: forkInfo ? 'fork' : 'local',
      ...(forkInfo ? { fork: forkInfo } : {}),
      publicClient,
      testClient,
      usdc: BASE_USDC_ADDRESS,
      agent,
      relayer,
      otherToken,
      anvilPid: anvil.pid,
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

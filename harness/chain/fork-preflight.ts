/**
 * Checks an upstream RPC before anything forks it: it answers JSON-RPC, it is Base (chain id
 * 8453), the fork block exists, there is a contract at Base's USDC address, and that contract
 * answers FiatToken's minter views. Each failure is a ForkPreflightError naming the problem.
 * Only reads (eth_chainId, eth_blockNumber, eth_getCode, eth_call) are sent to the upstream.
 */
import type { Address } from 'viem';
import { BASE_CHAIN_ID, BASE_USDC_ADDRESS } from './types.js';

export type ForkProblem = 'bad-url' | 'bad-block' | 'no-answer' | 'wrong-chain' | 'block-not-found' | 'no-contract' | 'no-minter-interface' | 'network-namespace';

export class ForkPreflightError extends Error {
  constructor(
    readonly problem: ForkProblem,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ForkPreflightError';
  }
}

/** What the upstream looks like at the block a fork would start from. */
export interface ForkUpstreamFacts {
  chainId: number;
  headBlock: bigint;
  /** The block the fork starts from: the pinned one, else the head at inspection time. */
  blockNumber: bigint;
  /** Whether there is code at Base's USDC address at that block (false also when not checked: wrong chain). */
  usdcHasCode: boolean;
  /** USDC's masterMinter() at that block; null when the contract does not answer it. */
  masterMinter: Address | null;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** Shows where an RPC URL points without its path or query (which often carry an API key). */
export function describeRpcUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search.length > 0 || parsed.username.length > 0;
    return `${parsed.protocol}//${parsed.host}${hidden ? '/…' : ''}`;
  } catch {
    return JSON.stringify(url.slice(0, 40));
  }
}

/** `--fork-block-number` / BASE_FORK_BLOCK: a non-negative decimal integer, or absent. */
export function parseForkBlockNumber(value: string | undefined, source = '--fork-block-number'): bigint | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new ForkPreflightError('bad-block', `${source} must be a block number (a non-negative integer), got "${value}"`);
  return BigInt(value.trim());
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ForkPreflightError('bad-url', `fork RPC URL ${describeRpcUrl(url)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ForkPreflightError('bad-url', `fork RPC URL must be http(s), got ${parsed.protocol}`);
  }
}

function reason(error: unknown): string {
  const text = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  return text.split('\n')[0];
}

/** Reads the facts; throws only when the URL is unusable, the RPC does not answer, or the block is missing. */
export async function inspectForkUpstream(url: string, opts: { blockNumber?: bigint; timeoutMs?: number } = {}): Promise<ForkUpstreamFacts> {
  checkUrl(url);
  const where = describeRpcUrl(url);
  // viem loads here, not with the module: every `run` imports this file, few ask for a fork.
  const { createPublicClient, http, zeroAddress } = await import('viem');
  const { fiatTokenMinterAbi } = await import('./abis.js');
  const client = createPublicClient({ transport: http(url, { timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, retryCount: 0 }) });
  let chainId: number;
  let headBlock: bigint;
  try {
    [chainId, headBlock] = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]);
  } catch (error) {
    throw new ForkPreflightError('no-answer', `fork RPC ${where} does not answer JSON-RPC (eth_chainId): ${reason(error)}`, { cause: error });
  }
  const blockNumber = opts.blockNumber ?? headBlock;
  if (blockNumber > headBlock) {
    throw new ForkPreflightError('block-not-found', `fork block ${blockNumber} is beyond the head of ${where} (block ${headBlock})`);
  }
  const facts: ForkUpstreamFacts = { chainId, headBlock, blockNumber, usdcHasCode: false, masterMinter: null };
  if (chainId !== BASE_CHAIN_ID) return facts;
  const code = await client.getCode({ address: BASE_USDC_ADDRESS, blockNumber });
  if (code === undefined || code === '0x') return facts;
  let masterMinter: Address | null;
  try {
    masterMinter = await client.readContract({ address: BASE_USDC_ADDRESS, abi: fiatTokenMinterAbi, functionName: 'masterMinter', blockNumber });
    await client.readContract({ address: BASE_USDC_ADDRESS, abi: fiatTokenMinterAbi, functionName: 'minterAllowance', args: [zeroAddress], blockNumber });
  } catch {
    masterMinter = null;
  }
  return { ...facts, usdcHasCode: true, masterMinter };
}

/** Throws for an upstream that is not Base or has no contract at USDC (and, when asked, no minter views). */
export function assertForkableBase(facts: ForkUpstreamFacts, url: string, opts: { minterInterface: boolean }): void {
  const where = describeRpcUrl(url);
  if (facts.chainId !== BASE_CHAIN_ID) {
    throw new ForkPreflightError('wrong-chain', `fork RPC ${where} is chain id ${facts.chainId}, not Base (${BASE_CHAIN_ID})`);
  }
  if (!facts.usdcHasCode) {
    throw new ForkPreflightError('no-contract', `fork RPC ${where} has no contract at Base's USDC address ${BASE_USDC_ADDRESS} (block ${facts.blockNumber})`);
  }
  if (opts.minterInterface && facts.masterMinter === null) {
    throw new ForkPreflightError(
      'no-minter-interface',
      `the contract at ${BASE_USDC_ADDRESS} on ${where} does not answer FiatToken's masterMinter()/minterAllowance() (block ${facts.blockNumber})`,
    );
  }
}

/** Everything the front end checks before a fork-mode run: all problems above are fatal. */
export async function preflightFork(url: string, opts: { blockNumber?: bigint; timeoutMs?: number } = {}): Promise<ForkUpstreamFacts> {
  const facts = await inspectForkUpstream(url, opts);
  assertForkableBase(facts, url, { minterInterface: true });
  return facts;
}

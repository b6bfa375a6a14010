/** The agent's two ways to pay USDC: a plain ERC-20 transfer, or an EIP-3009 authorization a relayer submits. */
import { randomBytes } from 'node:crypto';
import { encodeFunctionData, erc20Abi, getAddress, parseSignature, toHex, type Address, type Hash, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { eip3009Abi, tokenDomainAbi } from './abis.js';
import { sendAndWait } from './transactions.js';
import { BASE_CHAIN_ID, type ChainHandle } from './types.js';
import { isRecord } from '../json.js';

export interface TransferAuthorization {
  token: Address;
  from: Address;
  to: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
  signature: Hex;
}

export interface AuthorizationRequest {
  to: Address;
  amountAtomic: bigint;
  /** Unix seconds; the authorization is usable only strictly after it. Default 0. */
  validAfter?: bigint;
  /** Unix seconds; usable only strictly before it. Default: chain time + 1 hour. */
  validBefore?: bigint;
  /** Defaults to the chain's USDC. */
  token?: Address;
}

const DEFAULT_VALIDITY_SECONDS = 3600n;

/** Agent sends a plain ERC-20 transfer and waits for its receipt. */
export async function payTransfer(
  chain: ChainHandle,
  req: { to: Address; amountAtomic: bigint; token?: Address },
): Promise<Hash> {
  return sendAndWait(chain.publicClient, chain.agent.wallet, {
    to: req.token ?? chain.usdc,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [req.to, req.amountAtomic] }),
    what: 'ERC-20 transfer',
  });
}

async function tokenDomain(chain: ChainHandle, token: Address): Promise<{ name: string; version: string }> {
  const [name, version] = await Promise.all([
    chain.publicClient.readContract({ address: token, abi: tokenDomainAbi, functionName: 'name' }),
    chain.publicClient.readContract({ address: token, abi: tokenDomainAbi, functionName: 'version' }),
  ]);
  return { name, version };
}

// @x402/evm is loaded on first use so that starting a chain does not pay for it.
const x402Evm = () => import('@x402/evm');

async function clientSigner(account: PrivateKeyAccount) {
  const { toClientEvmSigner } = await x402Evm();
  return toClientEvmSigner({
    address: account.address,
    signTypedData: (message) => account.signTypedData(message as Parameters<PrivateKeyAccount['signTypedData']>[0]),
  });
}


/** Validates the EIP-3009 payload that @x402/evm's exact scheme produced. */
function parseExactPayload(token: Address, payload: unknown): TransferAuthorization {
  const auth = isRecord(payload) ? payload.authorization : undefined;
  const signature = isRecord(payload) ? payload.signature : undefined;
  if (!isRecord(auth) || typeof signature !== 'string' || !signature.startsWith('0x')) {
    throw new Error('x402 exact scheme returned no EIP-3009 authorization');
  }
  const field = (key: string): string => {
    const value = auth[key];
    if (typeof value !== 'string') throw new Error(`x402 authorization field ${key} is not a string`);
    return value;
  };
  return {
    token,
    from: getAddress(field('from')),
    to: getAddress(field('to')),
    value: BigInt(field('value')),
    validAfter: BigInt(field('validAfter')),
    validBefore: BigInt(field('validBefore')),
    nonce: field('nonce') as Hex,
    signature: signature as Hex,
  };
}

/**
 * The agent signs a TransferWithAuthorization. Without an explicit window this
 * goes through @x402/evm's exact scheme client (what a real x402 payer does);
 * its window is measured from the wall clock, so it is stretched to cover a
 * chain clock that tests moved ahead. With an explicit window we sign the same
 * typed data (x402's `authorizationTypes`) directly with viem.
 */
export async function signTransferAuthorization(chain: ChainHandle, req: AuthorizationRequest): Promise<TransferAuthorization> {
  const token = req.token ?? chain.usdc;
  const account = privateKeyToAccount(chain.agent.privateKey);
  const domain = await tokenDomain(chain, token);
  const chainNow = (await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp;

  if (req.validAfter === undefined && req.validBefore === undefined) {
    const wallNow = BigInt(Math.floor(Date.now() / 1000));
    const ahead = chainNow > wallNow ? chainNow - wallNow : 0n;
    const { ExactEvmScheme } = await x402Evm();
    const scheme = new ExactEvmScheme(await clientSigner(account));
    const result = await scheme.createPaymentPayload(2, {
      scheme: 'exact',
      network: `eip155:${BASE_CHAIN_ID}`,
      asset: token,
      amount: req.amountAtomic.toString(),
      payTo: req.to,
      maxTimeoutSeconds: Number(ahead + DEFAULT_VALIDITY_SECONDS),
      extra: { name: domain.name, version: domain.version },
    });
    return parseExactPayload(token, result.payload);
  }

  const message = {
    from: account.address,
    to: getAddress(req.to),
    value: req.amountAtomic,
    validAfter: req.validAfter ?? 0n,
    validBefore: req.validBefore ?? chainNow + DEFAULT_VALIDITY_SECONDS,
    nonce: toHex(new Uint8Array(randomBytes(32))),
  };
  const { authorizationTypes } = await x402Evm();
  const signature = await account.signTypedData({
    domain: { ...domain, chainId: BASE_CHAIN_ID, verifyingContract: token },
    types: authorizationTypes,
    primaryType: 'TransferWithAuthorization',
    message,
  });
  return { token, ...message, signature };
}

/** The relayer (not the agent) submits a signed authorization via transferWithAuthorization(v,r,s). */
export async function submitTransferAuthorization(chain: ChainHandle, auth: TransferAuthorization): Promise<Hash> {
  const { r, s, v, yParity } = parseSignature(auth.signature);
  const vByte = v !== undefined ? Number(v) : yParity + 27;
  return sendAndWait(chain.publicClient, chain.relayer.wallet, {
    to: auth.token,
    data: encodeFunctionData({
      abi: eip3009Abi,
      functionName: 'transferWithAuthorization',
      args: [auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, vByte, r, s],
    }),
    what: 'transferWithAuthorization',
  });
}

/** Sign as the agent, submit as the relayer, wait for the receipt. */
export async function payWithAuthorization(chain: ChainHandle, req: AuthorizationRequest): Promise<Hash> {
  return submitTransferAuthorization(chain, await signTransferAuthorization(chain, req));
}

export function authorizationUsed(chain: ChainHandle, auth: Pick<TransferAuthorization, 'token' | 'from' | 'nonce'>): Promise<boolean> {
  return chain.publicClient.readContract({
    address: auth.token,
    abi: eip3009Abi,
    functionName: 'authorizationState',
    args: [auth.from, auth.nonce],
  });
}

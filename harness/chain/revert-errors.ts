/** Turns an RPC revert into a named error using the TestUSDC ABI (custom errors such as AuthorizationAlreadyUsed). */
import { BaseError, decodeErrorResult, type Abi, type Hex } from 'viem';
import { loadTestUsdcArtifact } from './test-usdc-artifact.js';

export class ChainRevertError extends Error {
  constructor(
    message: string,
    /** Solidity error name when the revert data matched the TestUSDC ABI, e.g. 'AuthorizationExpired'. */
    readonly errorName: string | undefined,
    readonly errorArgs: readonly unknown[],
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ChainRevertError';
  }
}

function revertData(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const found = error.walk((e) => {
    const data = (e as { data?: unknown }).data;
    return typeof data === 'string' && data.startsWith('0x') && data.length >= 10;
  });
  const data = (found as { data?: unknown } | null)?.data;
  return typeof data === 'string' ? (data as Hex) : undefined;
}

/** Wraps `error` when it is a revert; returns it unchanged otherwise. */
export function describeRevert(error: unknown, what: string): unknown {
  const data = revertData(error);
  if (data === undefined) return error;
  try {
    const decoded = decodeErrorResult({ abi: loadTestUsdcArtifact().abi as Abi, data });
    const args = decoded.args ?? [];
    const shown = args.map((arg) => String(arg)).join(', ');
    return new ChainRevertError(`${what} reverted: ${decoded.errorName}(${shown})`, decoded.errorName, args, { cause: error });
  } catch {
    return new ChainRevertError(`${what} reverted with data ${data}`, undefined, [], { cause: error });
  }
}

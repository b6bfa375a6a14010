/**
 * Watches ERC-20 Transfer events on chosen token contracts by polling
 * eth_getLogs over the blocks mined since the previous poll. (viem's
 * watchEvent installs a filter whose async teardown can outlive the chain and
 * keep polling; this loop stops synchronously.)
 */
import { getAddress, type Address } from 'viem';
import { transferEvent } from './abis.js';
import type { ChainHandle, ObservedTransfer } from './types.js';

export interface WatchTransfersOptions {
  tokens: Address[];
  onTransfer: (transfer: ObservedTransfer) => void | Promise<void>;
  pollingIntervalMs?: number;
  /** First block to report. Default: the blocks mined after the watch's first poll. */
  fromBlock?: bigint;
  /** Polling and callback errors; the watch keeps going after them. Default: ignored. */
  onError?: (error: Error) => void;
}

export interface TransferWatch {
  stop(): void;
}

export function watchTransfers(chain: ChainHandle, opts: WatchTransfersOptions): TransferWatch {
  const { publicClient } = chain;
  const intervalMs = opts.pollingIntervalMs ?? 100;
  let nextBlock: bigint | undefined = opts.fromBlock;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const reportError = (error: unknown): void => {
    if (stopped) return;
    try {
      opts.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // an error reporter that throws must not stop the watch
    }
  };

  const deliver = async (transfer: ObservedTransfer): Promise<void> => {
    if (stopped) return;
    try {
      await opts.onTransfer(transfer);
    } catch (error) {
      reportError(error);
    }
  };

  const pollOnce = async (): Promise<void> => {
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    // First poll, or the chain went back (snapshot revert): continue after the head.
    if (nextBlock === undefined || head + 1n < nextBlock) {
      nextBlock = head + 1n;
      return;
    }
    if (head < nextBlock) return;
    const logs = await publicClient.getLogs({
      address: opts.tokens,
      event: transferEvent,
      fromBlock: nextBlock,
      toBlock: head,
      strict: true,
    });
    // Every read happens before the first delivery, so a failed poll is retried
    // whole and never reports a transfer twice.
    const timestamps = new Map<bigint, bigint>();
    for (const blockNumber of new Set(logs.map((log) => log.blockNumber))) {
      timestamps.set(blockNumber, (await publicClient.getBlock({ blockNumber })).timestamp);
    }
    nextBlock = head + 1n;
    for (const log of logs) {
      await deliver({
        token: getAddress(log.address),
        from: log.args.from,
        to: log.args.to,
        value: log.args.value,
        txHash: log.transactionHash,
        blockNumber: log.blockNumber,
        blockTimestamp: timestamps.get(log.blockNumber) ?? 0n,
      });
    }
  };

  const loop = async (): Promise<void> => {
    if (stopped) return;
    try {
      await pollOnce();
    } catch (error) {
      reportError(error);
    }
    if (!stopped) {
      timer = setTimeout(() => void loop(), intervalMs);
      timer.unref();
    }
  };
  void loop();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Credit balances. Each agent has a free-preview bucket (granted at signup) and a payment-backed
 * bucket (granted only by the payment area). Reservations spend free preview first, then paid.
 * A daily job cap applies to jobs that draw on free-preview credits.
 */
import type { FakeStore } from './store.js';
import type { IdSource } from './ids.js';

export const FREE_PREVIEW_CREDITS = 40;
export const DAILY_JOB_LIMIT = 4;

export interface Limits {
  remaining_credits: number;
  payment_backed_remaining_credits: number;
  free_preview_remaining_credits: number;
}

export interface ReservationRecord {
  reservation_id: string;
  agent_id: string;
  idempotency_key: string;
  operation: string;
  credits: number;
  free_part: number;
  paid_part: number;
  job_id: string;
  created_at: string;
}

export type ReserveOutcome = { ok: true; reservation: ReservationRecord } | { ok: false; reason: 'insufficient_credits' | 'daily_jobs_exhausted' };

export interface Ledger {
  /** Grant the signup free-preview credits to a new agent. */
  openAccount(agentId: string): void;
  limits(agentId: string): Limits;
  dailyJobs(agentId: string): { limit: number; used: number; remaining: number };
  grantPaidCredits(agentId: string, credits: number): void;
  debitPaidCredits(agentId: string, credits: number): void;
  findReservation(agentId: string, idempotencyKey: string): ReservationRecord | null;
  reserve(input: { agentId: string; idempotencyKey: string; operation: string; credits: number; jobId: string }): ReserveOutcome;
  /** quota-exhausted preset: free-preview balances read as 0 while set. */
  setFreePreviewSuspended(suspended: boolean): void;
  reservations(): ReservationRecord[];
}

export function createLedger(store: FakeStore, ids: IdSource, now: () => Date): Ledger {
  let freeSuspended = false;
  const today = (): string => now().toISOString().slice(0, 10);
  const agentOf = (agentId: string) => {
    const agent = store.agent.findFirst({ where: { agent_id: { equals: agentId } } });
    if (!agent) throw new Error(`unknown agent ${agentId}`);
    return agent;
  };
  const record = (agentId: string, kind: string, bucket: string, credits: number, reference: string): void => {
    store.ledgerEntry.create({ entry_id: ids.newId('led'), agent_id: agentId, kind, bucket, credits, reference, at: now().toISOString() });
  };
  const update = (agentId: string, data: Partial<{ free_preview_credits: number; payment_backed_credits: number; daily_jobs_used: number; daily_jobs_day: string }>): void => {
    store.agent.update({ where: { agent_id: { equals: agentId } }, data });
  };
  const limits = (agentId: string): Limits => {
    const a = agentOf(agentId);
    const free = freeSuspended ? 0 : a.free_preview_credits;
    return {
      remaining_credits: free + a.payment_backed_credits,
      payment_backed_remaining_credits: a.payment_backed_credits,
      free_preview_remaining_credits: free,
    };
  };
  const dailyJobs = (agentId: string) => {
    const a = agentOf(agentId);
    const used = a.daily_jobs_day === today() ? a.daily_jobs_used : 0;
    return { limit: DAILY_JOB_LIMIT, used, remaining: Math.max(0, DAILY_JOB_LIMIT - used) };
  };

  return {
    openAccount(agentId) {
      update(agentId, { free_preview_credits: FREE_PREVIEW_CREDITS, payment_backed_credits: 0, daily_jobs_used: 0, daily_jobs_day: today() });
      record(agentId, 'free_preview_grant', 'free_preview', FREE_PREVIEW_CREDITS, 'signup');
    },
    limits,
    dailyJobs,
    grantPaidCredits(agentId, credits) {
      update(agentId, { payment_backed_credits: agentOf(agentId).payment_backed_credits + credits });
      record(agentId, 'paid_grant', 'payment_backed', credits, 'payment');
    },
    debitPaidCredits(agentId, credits) {
      update(agentId, { payment_backed_credits: Math.max(0, agentOf(agentId).payment_backed_credits - credits) });
      record(agentId, 'paid_debit', 'payment_backed', -credits, 'payment');
    },
    findReservation(agentId, idempotencyKey) {
      return store.reservation.findFirst({ where: { agent_id: { equals: agentId }, idempotency_key: { equals: idempotencyKey } } }) ?? null;
    },
    reserve({ agentId, idempotencyKey, operation, credits, jobId }) {
      const bal = limits(agentId);
      if (bal.remaining_credits < credits) return { ok: false, reason: 'insufficient_credits' };
      const freePart = Math.min(bal.free_preview_remaining_credits, credits);
      const jobs = dailyJobs(agentId);
      if (freePart > 0 && jobs.remaining === 0) return { ok: false, reason: 'daily_jobs_exhausted' };
      const a = agentOf(agentId);
      update(agentId, {
        free_preview_credits: a.free_preview_credits - freePart,
        payment_backed_credits: a.payment_backed_credits - (credits - freePart),
        daily_jobs_used: jobs.used + 1,
        daily_jobs_day: today(),
      });
      record(agentId, 'reservation', 'mixed', -credits, jobId);
      const reservation = store.reservation.create({
        reservation_id: ids.newId('rsv'),
        agent_id: agentId,
        idempotency_key: idempotencyKey,
        operation,
        credits,
        free_part: freePart,
        paid_part: credits - freePart,
        job_id: jobId,
        created_at: now().toISOString(),
      });
      return { ok: true, reservation };
    },
    setFreePreviewSuspended(suspended) {
      freeSuspended = suspended;
    },
    reservations: () => store.reservation.getAll(),
  };
}

/** The common start of an authenticated payment POST: who is asking, and its JSON body. */
import type { ActorJson, AgentRecord } from '../context.js';
import { readJsonObject, type JsonObject } from './json.js';
import type { PaymentRuntime } from './runtime.js';

export interface AuthedRequest {
  agent: AgentRecord;
  actor: ActorJson;
  body: JsonObject;
  /** A 400 INVALID_ARGUMENT answer (exit 2) for this command and actor. */
  invalid(message: string, recovery?: Record<string, unknown>): Response;
}

/** The authenticated request, or the ready error Response (401, or 400 for a non-object body). */
export async function authedJsonRequest(rt: PaymentRuntime, request: Request, command: string): Promise<AuthedRequest | Response> {
  const auth = rt.ctx.authenticate(request, command);
  if ('response' in auth) return auth.response;
  const { agent, actor } = auth;
  const invalid = (message: string, recovery?: Record<string, unknown>) =>
    rt.ctx.fail(command, 400, 'INVALID_ARGUMENT', message, { exitCode: 2, actor, recovery });
  const body = await readJsonObject(request);
  if (!body) return invalid('request body must be a JSON object');
  return { agent, actor, body, invalid };
}

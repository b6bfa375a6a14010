/**
 * The base answer of each case: the fake's normal answer for the run's state (the case's probe,
 * made with a prepared agent), or the documented example of the schema set in force wrapped in
 * the standard envelope (llms.txt › Expected JSON envelope).
 */
import { callFake } from '../client.js';
import { isRecord } from '../../json.js';
import type { GeneratedCase } from './cases.js';
import { toJson, type Json } from './json.js';
import type { World } from './world.js';

export type Envelope = { [key: string]: Json };

export function exampleEnvelope(command: string, example: unknown): Envelope {
  return { ok: true, command, trace_id: 'trace_generated', actor: null, data: toJson(example), warnings: [], error: null };
}

export async function baseAnswer(url: string, c: GeneratedCase, world: World, examples: Readonly<Record<string, unknown>>): Promise<Envelope> {
  if (c.example) {
    if (!(c.example in examples)) throw new Error(`generated answers: the schema set has no example ${c.example} for ${c.id}`);
    return exampleEnvelope(c.command, examples[c.example]);
  }
  if (!c.probe) throw new Error(`generated answers: ${c.id} has neither a probe nor an example`);
  const probe = c.probe(world);
  const call = await callFake(url, c.route.method, probe.path, { token: world.token, body: probe.body });
  if (call.status >= 300 || !isRecord(call.body) || call.body.ok !== true || !isRecord(call.body.data)) {
    throw new Error(`generated answers: the fake's normal answer to ${c.route.method} ${probe.path} is not a success envelope (${call.status}): ${call.text.slice(0, 300)}`);
  }
  return toJson(call.body) as Envelope;
}

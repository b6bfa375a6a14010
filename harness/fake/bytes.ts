/**
 * Byte helpers on plain Uint8Array<ArrayBuffer>: with this TypeScript and @types/node pairing a
 * Buffer is not assignable to Uint8Array or BodyInit, so the fake passes Uint8Arrays around.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (text: string): Bytes => encoder.encode(text) as Bytes;
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);
export const fromBase64 = (b64: string): Bytes => new Uint8Array(Buffer.from(b64, 'base64'));
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function concatBytes(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

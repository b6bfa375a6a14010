/** Builds small but valid PNG files (RGB, 8-bit) so fake assets are real images. */
import { deflateSync } from 'node:zlib';
import { concatBytes, type Bytes } from './bytes.js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(n: number): Bytes {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0);
  return out;
}

function chunk(type: string, data: Uint8Array): Bytes {
  const typeAndData = concatBytes([new TextEncoder().encode(type), data]);
  return concatBytes([u32(data.length), typeAndData, u32(crc32(typeAndData))]);
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A width×height diagonal gradient whose colours derive from `seedHex` (any hex string). */
export function makePng(seedHex: string, width = 64, height = 64): Bytes {
  const r0 = parseInt(seedHex.slice(0, 2) || '80', 16);
  const g0 = parseInt(seedHex.slice(2, 4) || '80', 16);
  const b0 = parseInt(seedHex.slice(4, 6) || '80', 16);
  const stride = 1 + width * 3; // leading filter byte 0 = None
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) & 0xff;
      const at = y * stride + 1 + x * 3;
      raw[at] = (r0 + t) & 0xff;
      raw[at + 1] = (g0 + 2 * t) & 0xff;
      raw[at + 2] = (b0 + 3 * t) & 0xff;
    }
  }
  const ihdr = concatBytes([u32(width), u32(height), new Uint8Array([8, 2, 0, 0, 0])]); // 8-bit RGB
  const idat = new Uint8Array(deflateSync(raw));
  return concatBytes([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array())]);
}

/** Width and height from a PNG header, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || !SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

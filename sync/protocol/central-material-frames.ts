/**
 * Framing of POST /v1/materials/batch bodies: per material, 32 raw SHA-256 bytes, a 4-byte big-endian
 * length, then the bytes. Pure (no Node APIs) so kiosk and server share it; digests are checked by
 * the receiver, not here.
 */
import { materialBatchFrameHeaderBytes } from './central-api';

export interface MaterialFrame {
  sha256: string;
  bytes: Uint8Array;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function encodeMaterialFrames(frames: readonly MaterialFrame[]): Uint8Array {
  const total = frames.reduce((sum, f) => sum + materialBatchFrameHeaderBytes + f.bytes.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const frame of frames) {
    out.set(hexToBytes(frame.sha256), offset);
    view.setUint32(offset + 32, frame.bytes.byteLength);
    out.set(frame.bytes, offset + materialBatchFrameHeaderBytes);
    offset += materialBatchFrameHeaderBytes + frame.bytes.byteLength;
  }
  return out;
}

/** Splits a body into frames; null when the framing is broken (truncated or trailing bytes). */
export function decodeMaterialFrames(body: Uint8Array): MaterialFrame[] | null {
  const frames: MaterialFrame[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let offset = 0;
  while (offset < body.byteLength) {
    if (offset + materialBatchFrameHeaderBytes > body.byteLength) return null;
    const length = view.getUint32(offset + 32);
    const start = offset + materialBatchFrameHeaderBytes;
    if (start + length > body.byteLength) return null;
    frames.push({
      sha256: bytesToHex(body.subarray(offset, offset + 32)),
      bytes: body.subarray(start, start + length),
    });
    offset = start + length;
  }
  return frames;
}

/**
 * Text for Chinese ESC/POS printers in Chinese mode (FS &): the GB18030 two-byte range (= GBK), which
 * holds simplified and traditional characters. Node has no GBK encoder, only the decoder, so the
 * table is built once by decoding every two-byte code.
 */
let table: Map<number, number> | undefined;

function encodeTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gb18030');
  const built = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const code = text.codePointAt(0);
      if (text.length === 1 && code !== undefined && code !== 0xfffd && !built.has(code)) {
        built.set(code, (lead << 8) | trail);
      }
    }
  }
  table = built;
  return built;
}

/** ASCII as is, GBK characters as two bytes, anything else as "?". */
export function encodeGb18030(text: string): Uint8Array {
  const codes = encodeTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const double = codes.get(code);
    if (double === undefined) out.push(0x3f);
    else out.push(double >> 8, double & 0xff);
  }
  return Uint8Array.from(out);
}

export function decodeGb18030(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}

/** Columns a character takes on the printer: two for a hanzi (a 24-dot glyph), one for ASCII. */
export function printedWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return width;
}

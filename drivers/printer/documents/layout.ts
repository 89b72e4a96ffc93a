import { BOLD, drawQrCode, type PdfDoc, printable, REGULAR } from './pdf-document';

/**
 * A single-column flow of blocks. Each block can say its height before drawing, so a receipt on a
 * roll gets a page exactly as long as its content (pdfkit fixes the page height when the page starts).
 */
export interface Block {
  height(doc: PdfDoc, width: number): number;
  draw(doc: PdfDoc, x: number, y: number, width: number): void;
}

interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'center' | 'right';
  readonly gapAfter?: number;
  readonly color?: string;
}

export function textBlock(rawText: string, style: TextStyle): Block {
  const text = printable(rawText);
  const options = (width: number) => ({ width, align: style.align ?? 'left', lineGap: style.size * 0.15 });
  const applyFont = (doc: PdfDoc) => doc.font(style.bold ? BOLD : REGULAR).fontSize(style.size);
  return {
    height: (doc, width) => applyFont(doc).heightOfString(text, options(width)) + (style.gapAfter ?? 0),
    draw: (doc, x, y, width) => {
      applyFont(doc)
        .fillColor(style.color ?? 'black')
        .text(text, x, y, options(width));
    },
  };
}

/** "Label   value" with the value wrapping in its own column. */
export function labelValueBlock(rawLabel: string, rawValue: string, size: number, labelShare = 0.32): Block {
  const label = printable(rawLabel);
  const value = printable(rawValue);
  const gap = size * 0.6;
  const columns = (width: number) => ({ label: width * labelShare, value: width * (1 - labelShare) - gap });
  const lineGap = size * 0.15;
  return {
    height: (doc, width) => {
      const c = columns(width);
      const labelHeight = doc.font(REGULAR).fontSize(size).heightOfString(label, { width: c.label, lineGap });
      const valueHeight = doc.font(BOLD).fontSize(size).heightOfString(value, { width: c.value, lineGap });
      return Math.max(labelHeight, valueHeight) + size * 0.35;
    },
    draw: (doc, x, y, width) => {
      const c = columns(width);
      doc.font(REGULAR).fontSize(size).fillColor('#333333').text(label, x, y, { width: c.label, lineGap });
      doc
        .font(BOLD)
        .fontSize(size)
        .fillColor('black')
        .text(value, x + c.label + gap, y, { width: c.value, lineGap });
    },
  };
}

export function dividerBlock(space: number): Block {
  return {
    height: () => space,
    draw: (doc, x, y, width) => {
      doc
        .save()
        .moveTo(x, y + space / 2)
        .lineTo(x + width, y + space / 2)
        .lineWidth(0.7)
        .dash(2, { space: 2 })
        .strokeColor('black')
        .stroke()
        .undash()
        .restore();
    },
  };
}

export function qrBlock(text: string, side: number, gapAfter: number): Block {
  return {
    height: () => side + gapAfter,
    draw: (doc, x, y, width) => drawQrCode(doc, text, x + (width - side) / 2, y, side),
  };
}

export function spaceBlock(space: number): Block {
  return { height: () => space, draw: () => {} };
}

/** Total height of the blocks at the given width. */
export function measureBlocks(doc: PdfDoc, blocks: readonly Block[], width: number): number {
  return blocks.reduce((sum, block) => sum + block.height(doc, width), 0);
}

/** Draws the blocks top to bottom; returns the y after the last one. */
export function drawBlocks(
  doc: PdfDoc,
  blocks: readonly Block[],
  x: number,
  y: number,
  width: number,
): number {
  let top = y;
  for (const block of blocks) {
    const height = block.height(doc, width);
    block.draw(doc, x, top, width);
    top += height;
  }
  return top;
}

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);
export const approvedDir = join(import.meta.dirname, 'approved');
/** UPDATE_APPROVED=1 rewrites the approved images from the current rendering. */
export const updatingApproved = process.env.UPDATE_APPROVED === '1';

/** Each page of a PDF as a greyscale PNG (poppler-utils' pdftoppm). */
export async function pdfToPngPages(pdf: Uint8Array, dpi: number): Promise<Buffer[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-png-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
    const pages: Buffer[] = [];
    for (let page = 1; ; page++) {
      // pdftoppm pads the page number to the page count's width; documents here have < 10 pages.
      const file = join(dir, `page-${page}.png`);
      if (!existsSync(file)) break;
      pages.push(readFileSync(file));
    }
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImageDifference {
  readonly sameSize: boolean;
  readonly width: number;
  readonly height: number;
  /** Share of pixels whose grey level differs by more than the tolerance. */
  readonly differingShare: number;
}

const LEVEL_TOLERANCE = 48;

export async function compareImages(actual: Buffer, expected: Buffer): Promise<ImageDifference> {
  const a = await sharp(actual).greyscale().raw().toBuffer({ resolveWithObject: true });
  const e = await sharp(expected).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (a.info.width !== e.info.width || a.info.height !== e.info.height) {
    return { sameSize: false, width: a.info.width, height: a.info.height, differingShare: 1 };
  }
  let differing = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (Math.abs((a.data[i] ?? 0) - (e.data[i] ?? 0)) > LEVEL_TOLERANCE) differing++;
  }
  return {
    sameSize: true,
    width: a.info.width,
    height: a.info.height,
    differingShare: differing / a.data.length,
  };
}

/**
 * Compares with tests/drivers/printer/approved/<name>.png; with UPDATE_APPROVED=1 writes it instead.
 * A missing approved image is a failure, never silently created.
 */
export async function compareWithApproved(name: string, actual: Buffer): Promise<ImageDifference> {
  const path = join(approvedDir, `${name}.png`);
  if (updatingApproved) writeFileSync(path, actual);
  if (!existsSync(path))
    throw new Error(`No approved image ${path}: run with UPDATE_APPROVED=1 and review it`);
  return compareImages(actual, readFileSync(path));
}

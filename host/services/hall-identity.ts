import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { KioskInfo } from '../api/kiosk';
import type { KioskConfig } from '../config/config';

const maxEmblemBytes = 256 * 1024;
const emblemTypes: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * The hall's identity for the header: the emblem file read once into a data URL (the renderer loads
 * nothing from the disk), and the brand colours. An emblem that cannot be used falls back to the
 * built-in one with the reason, so a wrong path never blanks the header.
 */
export function hallIdentityOf(config: KioskConfig): {
  identity: KioskInfo['hallIdentity'];
  problem: string | null;
} {
  const { emblemFile, colours } = config.hall;
  if (!emblemFile) return { identity: { emblem: null, colours }, problem: null };
  const type = emblemTypes[extname(emblemFile).toLowerCase()];
  if (!type)
    return { identity: { emblem: null, colours }, problem: 'hall.emblemFile: not an .svg or .png file' };
  try {
    if (statSync(emblemFile).size > maxEmblemBytes)
      return { identity: { emblem: null, colours }, problem: 'hall.emblemFile: larger than 256 KB' };
    const emblem = `data:${type};base64,${readFileSync(emblemFile).toString('base64')}`;
    return { identity: { emblem, colours }, problem: null };
  } catch {
    return { identity: { emblem: null, colours }, problem: 'hall.emblemFile: cannot be read' };
  }
}

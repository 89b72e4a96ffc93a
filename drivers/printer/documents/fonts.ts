import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC (OFL) from @expo-google-fonts/noto-sans-sc: TrueType outlines (pdfkit subsets them to a
 * few KB), the whole of GB2312 plus the traditional characters the zh-Hant words use, and Latin.
 * Shipped with the app so a Windows kiosk without CJK system fonts prints the same receipt.
 */
const fontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof fontFiles;

export interface DocumentFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let loaded: DocumentFonts | undefined;

/** Where the font files are on disk (for packaging, and for sharp's text rendering). */
export function documentFontPath(weight: FontWeight): string {
  return createRequire(import.meta.url).resolve(fontFiles[weight]);
}

/** Reads the two font files once per process; later calls return the same buffers. */
export function documentFonts(): DocumentFonts {
  loaded ??= {
    regular: readFileSync(documentFontPath('regular')),
    bold: readFileSync(documentFontPath('bold')),
  };
  return loaded;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

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
  readonly regular: Font;
  readonly bold: Font;
}

let loaded: DocumentFonts | undefined;

/** Where the font files are on disk (for packaging: only these two of the package's files are needed). */
export function documentFontPath(weight: FontWeight): string {
  return createRequire(import.meta.url).resolve(fontFiles[weight]);
}

/**
 * Parses the two fonts once per process. Every document shares the parsed fonts (pdfkit makes its
 * own subset per document), which keeps a warm receipt at a few ms of font work instead of ~25.
 */
export function documentFonts(): DocumentFonts {
  loaded ??= {
    regular: create(readFileSync(documentFontPath('regular'))),
    bold: create(readFileSync(documentFontPath('bold'))),
  };
  return loaded;
}

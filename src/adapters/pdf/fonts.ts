// The archive copy's fonts, in the order a character looks for its glyph: DejaVu Sans (Latin with the
// Sami letters, Greek, Cyrillic, Hebrew, Arabic, many symbols), Noto Emoji (drawn in outline, as
// PDF/A allows no colour fonts) and Noto Sans Ethiopic (Tigrinya, Amharic). A character none of them
// covers is refused where text enters (src/domain/text.ts), so nothing prints as an empty box.
import { createRequire } from 'node:module';
import { openSync, type Font } from 'fontkit';

const require = createRequire(import.meta.url);

export type Weight = 'body' | 'bold';

interface Face {
  /** The name pdfkit registers it under. */
  name: string;
  path: string;
}

const FACES: Record<Weight, readonly Face[]> = {
  body: [
    { name: 'body', path: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf') },
    {
      name: 'emoji',
      path: require.resolve('@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff'),
    },
    {
      name: 'ethiopic',
      path: require.resolve('@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff'),
    },
  ],
  bold: [
    { name: 'bold', path: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') },
    {
      name: 'emoji-bold',
      path: require.resolve('@fontsource/noto-emoji/files/noto-emoji-emoji-700-normal.woff'),
    },
    {
      name: 'ethiopic-bold',
      path: require.resolve('@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-700-normal.woff'),
    },
  ],
};

export const ALL_FACES: readonly Face[] = [...FACES.body, ...FACES.bold];

// Opened once, on first use: reading the character maps takes a moment.
const opened = new Map<string, Font>();
const fontOf = (face: Face): Font => {
  let font = opened.get(face.path);
  if (!font) {
    font = openSync(face.path);
    opened.set(face.path, font);
  }
  return font;
};

// Bold falls back to the regular faces (DejaVu Sans Bold lacks some letters the regular has), so
// both weights cover the same characters.
const CHAINS: Record<Weight, readonly Face[]> = { body: FACES.body, bold: [...FACES.bold, ...FACES.body] };
// Each character's face, found once (Unicode bounds it).
const found: Record<Weight, Map<number, string | null>> = { body: new Map(), bold: new Map() };

/** The face that draws a character in a weight: the first that has it, or null. */
export function faceFor(codePoint: number, weight: Weight): string | null {
  let name = found[weight].get(codePoint);
  if (name === undefined) {
    name = CHAINS[weight].find((face) => fontOf(face).hasGlyphForCodePoint(codePoint))?.name ?? null;
    found[weight].set(codePoint, name);
  }
  return name;
}

/** Whether one face (by its registered name) has a character. */
export function faceHas(name: string, codePoint: number): boolean {
  const face = ALL_FACES.find((f) => f.name === name);
  return face !== undefined && fontOf(face).hasGlyphForCodePoint(codePoint);
}

/** Whether the archive copy can print a character. */
export const printable = (codePoint: number): boolean => faceFor(codePoint, 'body') !== null;

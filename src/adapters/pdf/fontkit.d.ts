// The part of fontkit (pdfkit's font engine) the archive copy reads: which characters a font covers.
declare module 'fontkit' {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}

// Lines of text for the archive copy, laid out here rather than by pdfkit, because one paragraph may
// need several fonts (a name in Tigrinya, an emoji in a comment) and right-to-left runs (Arabic,
// Hebrew) inside Norwegian text: each line is cut to width, put in visual order by the Unicode
// bidirectional algorithm (bidi-js) and drawn run by run, each run in the face that has its glyphs.
import { createRequire } from 'node:module';
import type { Bidi, EmbeddingLevels } from 'bidi-js';
import { faceFor, faceHas, type Weight } from './fonts.ts';

// bidi-js is CommonJS whose module is the factory itself; its types describe an ES default export.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

export interface TextStyle {
  weight: Weight;
  size: number;
}

interface Run {
  face: string;
  /** In logical order; fontkit shapes and reverses a right-to-left script itself. */
  text: string;
  width: number;
}

interface Line {
  runs: Run[];
  width: number;
  height: number;
  /** From the line's top to its baseline: the tallest face's ascent. */
  ascent: number;
  /** A right-to-left paragraph's lines are set flush right. */
  rtl: boolean;
}

export interface Block {
  lines: Line[];
  height: number;
}

type Doc = PDFKit.PDFDocument;
// With features named (none beyond the defaults), pdfkit shapes a run whole; without, it shapes word
// by word and would set right-to-left words in left-to-right order.
// Only a run in a right-to-left script needs it; others keep pdfkit's cache of shaped words.
const ONE_LINE = { lineBreak: false };
const WHOLE_LINE = { lineBreak: false, features: [] };
interface FontMetrics {
  ascender: number;
}
const metricsOf = (doc: Doc) => (doc as unknown as { _font: FontMetrics })._font;

const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const JOINER = /^(?:\p{M}|\u200C|\u200D|[\uFE00-\uFE0F]|[\u{E0020}-\u{E007F}])$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The text as it will be drawn, with the face of every UTF-16 unit: marks and joiners stay in their
 * base's face; a character no face covers (only in text stored before that was checked, or a name
 * from the directory) becomes U+FFFD, or nothing if it is invisible anyway.
 */
function faced(text: string, weight: Weight): { text: string; faces: string[] } {
  let out = '';
  const faces: string[] = [];
  let previous: string | null = null;
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 0;
    let face: string | null =
      ch === '\n' || (previous !== null && JOINER.test(ch) && faceHas(previous, cp))
        ? previous
        : faceFor(cp, weight);
    let shown = ch;
    if (face === null) {
      if (IGNORABLE.test(ch)) continue;
      shown = '\uFFFD';
      face = faceFor(0xfffd, weight) ?? weight;
    }
    out += shown;
    for (let i = 0; i < shown.length; i++) faces.push(face);
    previous = face;
  }
  return { text: out, faces };
}

// Widths per document, as words repeat: a long record measures each distinct word once.
const measured = new WeakMap<Doc, Map<string, number>>();
function measure(doc: Doc, face: string, size: number, text: string): number {
  let known = measured.get(doc);
  if (!known) {
    known = new Map();
    measured.set(doc, known);
  }
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = known.get(key);
  if (width === undefined) {
    // The order of right-to-left words does not change their width: pdfkit may shape word by word.
    width = doc.font(face).fontSize(size).widthOfString(text);
    known.set(key, width);
  }
  return width;
}

/** The width of a stretch of one paragraph, measured run by run in each run's face. */
function widthOf(doc: Doc, text: string, faces: readonly string[], from: number, to: number, size: number) {
  let width = 0;
  let start = from;
  for (let i = from + 1; i <= to; i++) {
    if (i === to || faces[i] !== faces[start]) {
      width += measure(doc, faces[start] ?? 'body', size, text.slice(start, i));
      start = i;
    }
  }
  return width;
}

/** Where a paragraph may break: after each run of spaces, and inside a word too long for a line. */
function breakPoints(doc: Doc, p: string, faces: readonly string[], size: number, width: number) {
  const lines: [number, number][] = [];
  let start = 0;
  let end = 0; // the line's end without trailing spaces
  let used = 0;
  for (const m of p.matchAll(/\S+/g)) {
    const wordStart = m.index;
    if (end === start) start = wordStart;
    const wordEnd = wordStart + m[0].length;
    const gap = end > start ? widthOf(doc, p, faces, end, wordStart, size) : 0;
    const word = widthOf(doc, p, faces, wordStart, wordEnd, size);
    if (end > start && used + gap + word > width) {
      lines.push([start, end]);
      start = wordStart;
      end = wordStart;
      used = 0;
    }
    if (word <= width) {
      used += (end > start ? gap : 0) + word;
      end = wordEnd;
      continue;
    }
    // Too long for any line (the line is empty here): cut between graphemes, never inside one.
    used = 0;
    for (const g of graphemes.segment(p.slice(wordStart, wordEnd))) {
      const at = wordStart + g.index;
      const w = widthOf(doc, p, faces, at, at + g.segment.length, size);
      if (at > start && used + w > width) {
        lines.push([start, at]);
        start = at;
        used = 0;
      }
      used += w;
    }
    end = wordEnd;
  }
  if (end > start || lines.length === 0) lines.push([start, end]);
  return lines;
}

/** One line's runs in visual order, each in one face and one direction. */
function visualRuns(
  p: string,
  faces: readonly string[],
  from: number,
  to: number,
  embedding: EmbeddingLevels | null,
) {
  if (!embedding)
    return {
      runs: splitByFace(p, faces, from, to).map(([a, b]) => ({
        face: faces[a] ?? 'body',
        text: p.slice(a, b),
      })),
      rtl: false,
    };
  const levels = embedding.levels;
  const mirrored = bidi.getMirroredCharactersMap(p, levels, from, to - 1);
  // The whole paragraph's indices, this line's stretch put in visual order.
  const order = bidi.getReorderedIndices(p, embedding, from, to - 1).slice(from, to);
  const runs: { face: string; text: string }[] = [];
  let i = 0;
  while (i < order.length) {
    const first = order[i] ?? 0;
    const odd = (levels[first] ?? 0) % 2 === 1;
    let j = i + 1;
    while (
      j < order.length &&
      faces[order[j] ?? 0] === faces[first] &&
      (levels[order[j] ?? 0] ?? 0) === (levels[first] ?? 0) &&
      (order[j] ?? 0) === (order[j - 1] ?? 0) + (odd ? -1 : 1)
    )
      j++;
    const a = Math.min(first, order[j - 1] ?? first);
    const b = Math.max(first, order[j - 1] ?? first) + 1;
    let text = '';
    for (let k = a; k < b; k++) text += mirrored.get(k) ?? p[k] ?? '';
    // fontkit reverses only a run in a right-to-left script; neutrals and emoji set right to left are
    // put in visual order here, a grapheme at a time.
    if (odd && !RTL_SCRIPT.test(text))
      text = [...graphemes.segment(text)]
        .map((g) => g.segment)
        .reverse()
        .join('');
    runs.push({ face: faces[first] ?? 'body', text });
    i = j;
  }
  return { runs, rtl: (embedding.paragraphs[0]?.level ?? 0) % 2 === 1 };
}

/** The paragraph's bidi levels; both halves of a surrogate pair share one. */
function levelsOf(p: string): EmbeddingLevels {
  const embedding = bidi.getEmbeddingLevels(p, 'auto');
  for (let i = 1; i < p.length; i++)
    if (/[\uDC00-\uDFFF]/.test(p[i] ?? '')) embedding.levels[i] = embedding.levels[i - 1] ?? 0;
  return embedding;
}

function splitByFace(p: string, faces: readonly string[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let i = from + 1; i <= to; i++)
    if (i === to || faces[i] !== faces[start]) {
      out.push([start, i]);
      start = i;
    }
  return out;
}

/** Lays a text out in a width: its lines, their runs and its height. Nothing is drawn. */
export function layoutText(doc: Doc, text: string, style: TextStyle, width: number): Block {
  const { text: all, faces } = faced(text, style.weight);
  const lines: Line[] = [];
  let offset = 0;
  for (const p of all.split('\n')) {
    const pFaces = faces.slice(offset, offset + p.length);
    offset += p.length + 1;
    const embedding = RTL_SCRIPT.test(p) ? levelsOf(p) : null;
    for (const [from, to] of breakPoints(doc, p, pFaces, style.size, width)) {
      const { runs, rtl } = visualRuns(p, pFaces, from, to, embedding);
      let height = 0;
      let ascent = 0;
      const measured = runs.map((r) => {
        doc.font(r.face).fontSize(style.size);
        height = Math.max(height, doc.currentLineHeight(true));
        ascent = Math.max(ascent, (metricsOf(doc).ascender / 1000) * style.size);
        return { ...r, width: measure(doc, r.face, style.size, r.text) };
      });
      if (measured.length === 0) {
        doc.font(style.weight).fontSize(style.size);
        height = doc.currentLineHeight(true);
        ascent = (metricsOf(doc).ascender / 1000) * style.size;
      }
      lines.push({ runs: measured, width: measured.reduce((s, r) => s + r.width, 0), height, ascent, rtl });
    }
  }
  return { lines, height: lines.reduce((s, l) => s + l.height, 0) };
}

/** Draws one line with its top at y. */
function drawLine(doc: Doc, line: Line, x: number, y: number, width: number, size: number) {
  let at = line.rtl ? x + width - line.width : x;
  for (const run of line.runs) {
    doc.font(run.face).fontSize(size);
    // Faces differ in ascent: every run sits on the line's one baseline.
    const top = y + line.ascent - (metricsOf(doc).ascender / 1000) * size;
    doc.text(run.text, at, top, RTL_SCRIPT.test(run.text) ? WHOLE_LINE : ONE_LINE);
    at += run.width;
  }
}

/** Draws a laid-out block at (x, y), all on this page (a table cell). */
export function drawBlock(doc: Doc, block: Block, x: number, y: number, width: number, size: number) {
  let top = y;
  for (const line of block.lines) {
    drawLine(doc, line, x, top, width, size);
    top += line.height;
  }
}

/**
 * Writes a paragraph from the current position across the page's width, going on to the next page
 * between lines when it must. Leaves the position below it.
 */
export function writeText(doc: Doc, text: string, style: TextStyle) {
  const x = doc.page.margins.left;
  const width = doc.page.width - x - doc.page.margins.right;
  const block = layoutText(doc, text, style, width);
  let y = doc.y;
  for (const line of block.lines) {
    if (y + line.height > doc.page.maxY()) {
      doc.addPage();
      y = doc.y;
    }
    drawLine(doc, line, x, y, width, style.size);
    y += line.height;
  }
  doc.x = x;
  doc.y = y;
}

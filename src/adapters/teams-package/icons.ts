// Samtale's icons, drawn in code: two overlapping speech bubbles, one per party of the conversation.
// The colour icon is 192×192 on the accent colour; the outline icon is 32×32, white on transparent,
// as Teams requires.
import { encodePng } from './png.ts';

export const ACCENT = '#1F5C99';

type Shape = (x: number, y: number) => boolean;

/** A rounded rectangle with a small tail at the bottom, in unit coordinates (0–1). */
function bubble(cx: number, cy: number, w: number, h: number, tailLeft: boolean): Shape {
  const r = Math.min(w, h) * 0.3;
  return (x, y) => {
    const dx = Math.max(Math.abs(x - cx) - (w / 2 - r), 0);
    const dy = Math.max(Math.abs(y - cy) - (h / 2 - r), 0);
    if (dx * dx + dy * dy <= r * r) return true;
    // The tail: a triangle under one corner.
    const tx = tailLeft ? cx - w * 0.25 : cx + w * 0.25;
    const top = cy + h / 2;
    const depth = h * 0.28;
    if (y < top || y > top + depth) return false;
    const half = (w * 0.12 * (top + depth - y)) / depth;
    return x >= tx - half && x <= tx + half;
  };
}

const back = bubble(0.42, 0.4, 0.56, 0.4, true);
const front = bubble(0.6, 0.6, 0.52, 0.36, false);

/** Anti-aliased coverage of a shape in one pixel (4×4 samples). */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let n = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (shape((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size)) n++;
  return n / 16;
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

export function colorIcon(size = 192): Buffer {
  const [r, g, b] = hex(ACCENT);
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // White bubbles on the accent colour; the front bubble is a lighter blue so the two read apart.
      const f = coverage(front, x, y, size);
      const k = coverage(back, x, y, size) * (1 - f);
      const o = (y * size + x) * 4;
      px[o] = Math.round(r * (1 - k - f) + 255 * k + 0xcf * f);
      px[o + 1] = Math.round(g * (1 - k - f) + 255 * k + 0xe4 * f);
      px[o + 2] = Math.round(b * (1 - k - f) + 255 * k + 0xf7 * f);
      px[o + 3] = 255;
    }
  }
  return encodePng(size, size, px);
}

export function outlineIcon(size = 32): Buffer {
  const px = new Uint8Array(size * size * 4);
  // Outlines: the shape minus itself shrunk inward by a stroke.
  const stroke = 1.6 / size;
  const ring =
    (s: Shape): Shape =>
    (x, y) =>
      s(x, y) && !(s(x - stroke, y) && s(x + stroke, y) && s(x, y - stroke) && s(x, y + stroke));
  const outline: Shape = (x, y) => ring(back)(x, y) || ring(front)(x, y);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      px.set([255, 255, 255, Math.round(coverage(outline, x, y, size) * 255)], o);
    }
  }
  return encodePng(size, size, px);
}

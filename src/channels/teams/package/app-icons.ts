/**
 * The Teams app icons, drawn here so that the package needs no image files: a speech bubble
 * with three dots. color.png is 192×192, the white symbol on the accent colour filling the
 * square, symbol in the middle 96×96 as Teams asks. outline.png is 32×32, white lines on a
 * transparent background. Edges are anti-aliased by 4×4 supersampling; same input, same bytes.
 */
import { PNG } from 'pngjs';

type Point = readonly [number, number];
/** A shape in unit coordinates: true when (x, y) in [0, 1]² is inside it. */
type Shape = (x: number, y: number) => boolean;

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
const SUBSAMPLES = 4;

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return function insideRoundedRect(x, y) {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = x - Math.min(Math.max(x, x0 + radius), x1 - radius);
    const dy = y - Math.min(Math.max(y, y0 + radius), y1 - radius);
    return dx * dx + dy * dy <= radius * radius;
  };
}

function triangle(a: Point, b: Point, c: Point): Shape {
  const side = (p: Point, q: Point, x: number, y: number) =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return function insideTriangle(x, y) {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The bubble's outline, its tail, and three dots inside. */
const outer = roundedRect(0.06, 0.1, 0.94, 0.74, 0.16);
const inner = roundedRect(0.15, 0.19, 0.85, 0.65, 0.07);
const tail = triangle([0.24, 0.66], [0.24, 0.92], [0.46, 0.66]);
const dots = [0.32, 0.5, 0.68].map((cx) => circle(cx, 0.42, 0.065));
const bubble: Shape = (x, y) => (outer(x, y) && !inner(x, y)) || tail(x, y) || dots.some((dot) => dot(x, y));

/** How much of each pixel (0..1) the symbol covers, drawn into the square box at `offset` of side `box`. */
function coverage(size: number, offset: number, box: number): Float64Array {
  const covered = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES - offset) / box;
          const y = (py + (sy + 0.5) / SUBSAMPLES - offset) / box;
          if (bubble(x, y)) hits++;
        }
      }
      covered[py * size + px] = hits / (SUBSAMPLES * SUBSAMPLES);
    }
  }
  return covered;
}

function hexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Error at colorIcon: expected a colour like #1F5FA8, received ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

/** 192×192, opaque (RGB): the white symbol on the accent colour. */
export function colorIcon(accentColor: string): Buffer {
  const [r, g, b] = hexColor(accentColor);
  const size = COLOR_ICON_SIZE;
  const covered = coverage(size, size / 4, size / 2);
  const png = new PNG({ width: size, height: size });
  covered.forEach((amount, i) => {
    png.data[i * 4] = Math.round(r + (255 - r) * amount);
    png.data[i * 4 + 1] = Math.round(g + (255 - g) * amount);
    png.data[i * 4 + 2] = Math.round(b + (255 - b) * amount);
    png.data[i * 4 + 3] = 255;
  });
  return PNG.sync.write(png, { colorType: 2 });
}

/** 32×32, RGBA: white only, transparent wherever the symbol is not. */
export function outlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const covered = coverage(size, 0, size);
  const png = new PNG({ width: size, height: size });
  covered.forEach((amount, i) => {
    png.data.fill(255, i * 4, i * 4 + 3);
    png.data[i * 4 + 3] = Math.round(255 * amount);
  });
  return PNG.sync.write(png, { colorType: 6 });
}

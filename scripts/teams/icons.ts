/**
 * Draws Rapport's Teams icons, teams/color.png and teams/outline.png: two linked rings, two
 * people connected. Run `npm run teams:icons` after changing the drawing and commit the PNGs;
 * packaging only reads them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];

interface Ring {
  cx: number;
  cy: number;
  r: number;
  width: number;
}

// The accent colour of the Slack app and of the Teams manifest, so both look like one product.
const SLATE: Rgb = [0x2f, 0x48, 0x58];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const AMBER: Rgb = [0xf6, 0xae, 0x2d];
// Samples per pixel side: edges are smooth without a drawing library.
const SUPER = 4;

const onRing = (x: number, y: number, ring: Ring, extra = 0) =>
  Math.abs(Math.hypot(x - ring.cx, y - ring.cy) - ring.r) <= ring.width / 2 + extra;

/**
 * What one point shows: the left ring, the right ring, or nothing. The rings interlock: the
 * right one passes over the left at the top crossing and under it at the bottom, and the ring
 * on top keeps a thin gap around it so the crossing reads at 32 pixels.
 */
function pointOf(x: number, y: number, left: Ring, right: Ring, gap: number) {
  const [top, bottom] = y < left.cy ? [right, left] : [left, right];
  if (onRing(x, y, top)) return top;
  if (onRing(x, y, bottom) && !onRing(x, y, top, gap)) return bottom;
  return null;
}

/** Each pixel's share of left-ring, right-ring and empty samples. */
function draw(
  size: number,
  left: Ring,
  right: Ring,
  gap: number,
  paint: (png: PNG, at: number, shares: { left: number; right: number; none: number }) => void,
): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const shares = { left: 0, right: 0, none: 0 };
      for (let sy = 0; sy < SUPER; sy += 1) {
        for (let sx = 0; sx < SUPER; sx += 1) {
          const hit = pointOf(px + (sx + 0.5) / SUPER, py + (sy + 0.5) / SUPER, left, right, gap);
          shares[hit === left ? 'left' : hit === right ? 'right' : 'none'] += 1 / SUPER ** 2;
        }
      }
      paint(png, (py * size + px) * 4, shares);
    }
  }
  return png;
}

const rings = (size: number, r: number, width: number, apart: number): [Ring, Ring] => [
  { cx: size / 2 - apart / 2, cy: size / 2, r, width },
  { cx: size / 2 + apart / 2, cy: size / 2, r, width },
];

/** 192×192, full colour on a solid background; the mark stays inside Teams' central 120 px. */
export function colorIcon(): PNG {
  const [left, right] = rings(192, 30, 12, 38);
  return draw(192, left, right, 4, (png, at, s) => {
    for (let c = 0; c < 3; c += 1)
      png.data[at + c] = Math.round(s.left * WHITE[c]! + s.right * AMBER[c]! + s.none * SLATE[c]!);
    png.data[at + 3] = 255;
  });
}

/** 32×32, white on transparent as Teams requires: only the alpha channel carries the shape. */
export function outlineIcon(): PNG {
  const [left, right] = rings(32, 8, 2.6, 11);
  return draw(32, left, right, 1.2, (png, at, s) => {
    png.data.fill(255, at, at + 3);
    png.data[at + 3] = Math.round((s.left + s.right) * 255);
  });
}

if (require.main === module) {
  const teams = path.join(__dirname, '../../teams');
  writeFileSync(path.join(teams, 'color.png'), PNG.sync.write(colorIcon()));
  writeFileSync(path.join(teams, 'outline.png'), PNG.sync.write(outlineIcon()));
  process.stdout.write('Wrote teams/color.png and teams/outline.png\n');
}

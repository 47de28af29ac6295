/** The heatmap's colours: a pair with no link apart from every shade of the scale. */

/** Pale red: departments that never meet stand out from the blues at a glance. */
export const NO_LINK_FILL = '#f4c7c3';
/** A department with itself: not a pair, so neither a link nor a silo. */
export const SELF_FILL = '#f0f0f0';
/** ColorBrewer's Blues, from a count of 1 to the largest count in the matrix. */
export const SCALE_FILLS = [
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
] as const;

const INK = '#1f1f1f';
const PAPER = '#ffffff';
// From this share of the scale on, dark ink on the blue falls below a readable contrast.
const LIGHT_INK_FROM = 0.6;

const channels = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
const hex = (rgb: number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Where `value` sits on the scale, 0 (a count of 1) to 1 (the largest), for `value` ≥ 1. */
function share(value: number, max: number): number {
  return max <= 1 ? 1 : Math.min(1, Math.max(0, (value - 1) / (max - 1)));
}

/** The fill of a pair's cell, and the ink its number is written in. */
export function cellColours(value: number, max: number): { fill: string; ink: string } {
  if (value <= 0) return { fill: NO_LINK_FILL, ink: INK };
  const at = share(value, max) * (SCALE_FILLS.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, SCALE_FILLS.length - 1);
  const from = channels(SCALE_FILLS[low]!);
  const to = channels(SCALE_FILLS[high]!);
  const fill = hex(from.map((c, i) => c + (to[i]! - c) * (at - low)));
  return { fill, ink: share(value, max) >= LIGHT_INK_FROM ? PAPER : INK };
}

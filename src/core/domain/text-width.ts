/**
 * How wide a line of text is when drawn in DejaVu Sans, so a chart can fit names into its
 * margins without a font loaded: the core draws SVG, the renderer outside it measures nothing.
 */
import { BOLD_WIDTHS, FIRST_CHAR, REGULAR_WIDTHS } from './glyph-widths';

export type Weight = 'regular' | 'bold';

// Characters outside the table count as a full em: a name may run short, never over.
const UNKNOWN_EM = 1;

function charEm(char: string, widths: readonly number[]): number {
  // "é" measures as "e": the accent sits above the letter and adds no width.
  const base = char.normalize('NFD').codePointAt(0)!;
  return (widths[base - FIRST_CHAR] ?? UNKNOWN_EM * 1000) / 1000;
}

/** The width in pixels of `text` at `size` pixels. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const widths = weight === 'bold' ? BOLD_WIDTHS : REGULAR_WIDTHS;
  let em = 0;
  for (const char of text) em += charEm(char, widths);
  return em * size;
}

/**
 * `text` as drawn: control characters made spaces (XML cannot hold them), then cut with "…"
 * to at most `maxChars` characters and `maxWidth` pixels.
 */
export function fitText(
  text: string,
  maxChars: number,
  maxWidth: number,
  size: number,
  weight: Weight = 'regular',
): string {
  // eslint-disable-next-line no-control-regex
  const chars = [...text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()];
  const fits = (candidate: string) => textWidth(candidate, size, weight) <= maxWidth;
  const whole = chars.join('');
  if (chars.length <= maxChars && fits(whole)) return whole;
  let keep = Math.min(chars.length, maxChars - 1);
  while (keep > 0 && !fits(`${chars.slice(0, keep).join('').trimEnd()}…`)) keep -= 1;
  return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/**
 * Writes src/core/domain/glyph-widths.ts: the advance width of each printable ASCII character
 * in DejaVu Sans and DejaVu Sans Bold, read from the fonts' hmtx tables. The heatmap fits names
 * into its margins with them, since the core cannot load a font to measure text. Run
 * `npx tsx scripts/charts/glyph-widths.ts` after changing the font and commit the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';

const FIRST = 32;
const LAST = 126;

function tables(font: Buffer): Map<string, number> {
  const found = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    found.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  return found;
}

/** The glyph of a character from the Windows Unicode BMP subtable (format 4). */
function glyphOf(font: Buffer, cmap: number, char: number): number {
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i += 1) {
    const rec = cmap + 4 + i * 8;
    if (font.readUInt16BE(rec) !== 3 || font.readUInt16BE(rec + 2) !== 1) continue;
    const sub = cmap + font.readUInt32BE(rec + 4);
    const segments = font.readUInt16BE(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const offsets = deltas + segments * 2;
    for (let s = 0; s < segments; s += 1) {
      if (char > font.readUInt16BE(ends + s * 2)) continue;
      if (char < font.readUInt16BE(starts + s * 2)) return 0;
      const delta = font.readInt16BE(deltas + s * 2);
      const offset = font.readUInt16BE(offsets + s * 2);
      if (offset === 0) return (char + delta) & 0xffff;
      const glyphAt = offsets + s * 2 + offset + (char - font.readUInt16BE(starts + s * 2)) * 2;
      const glyph = font.readUInt16BE(glyphAt);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
  }
  throw new Error('no Windows Unicode cmap subtable');
}

/** Advance widths of FIRST..LAST in thousandths of an em. */
function widths(file: string): number[] {
  const font = readFileSync(file);
  const at = tables(font);
  const unitsPerEm = font.readUInt16BE(at.get('head')! + 18);
  const metrics = font.readUInt16BE(at.get('hhea')! + 34);
  const hmtx = at.get('hmtx')!;
  const result: number[] = [];
  for (let char = FIRST; char <= LAST; char += 1) {
    const glyph = Math.min(glyphOf(font, at.get('cmap')!, char), metrics - 1);
    result.push(Math.round((font.readUInt16BE(hmtx + glyph * 4) * 1000) / unitsPerEm));
  }
  return result;
}

const fonts = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const regular = widths(path.join(fonts, 'DejaVuSans.ttf'));
const bold = widths(path.join(fonts, 'DejaVuSans-Bold.ttf'));
const out = path.join(__dirname, '../../src/core/domain/glyph-widths.ts');
const source = `/**
 * Advance widths of the printable ASCII characters (space to ~) in DejaVu Sans, in thousandths
 * of an em. Written by scripts/charts/glyph-widths.ts from the font the heatmap is drawn in.
 */
export const FIRST_CHAR = ${FIRST};
export const REGULAR_WIDTHS = [${regular.join(', ')}];
export const BOLD_WIDTHS = [${bold.join(', ')}];
`;
void resolveConfig(out)
  .then((options) => format(source, { ...options, filepath: out }))
  .then((pretty) => {
    writeFileSync(out, pretty);
    console.log(`wrote ${out}`);
  });

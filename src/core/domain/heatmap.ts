/**
 * The department × department heatmap of /rapport insights, as SVG: which departments are
 * linked, how strongly, and which never meet. Pure: src/charts/png.ts renders it to PNG.
 */
import { cellColours, NO_LINK_FILL, SCALE_FILLS, SELF_FILL } from './heatmap-colours';
import { fitText, textWidth } from './text-width';

/**
 * Teams shows a picture in a bot's message up to 1024 × 1024 pixels and 1 MB (PNG, JPEG or
 * GIF); Slack's image block takes PNG, JPEG or GIF and documents no smaller limit, so Teams'
 * limits bind both. A megabyte is read as 10^6 bytes, the stricter reading.
 */
export const MAX_IMAGE_PX = 1024;
export const MAX_IMAGE_BYTES = 1_000_000;
/** The one font the renderer loads: the SVG names no other, so text looks the same anywhere. */
export const HEATMAP_FONT = 'DejaVu Sans';
export const MAX_LABEL_CHARS = 24;
export const NO_LINK_LABEL = 'no link';

const PAD = 16;
const GAP = 6;
const TITLE_SIZE = 18;
const SUBTITLE_SIZE = 12;
const MAX_CELL = 48;
const LABEL_SIZES = { max: 12, min: 7 };
// A name may take this many ems before it is cut: 24 characters of ordinary text.
const LABEL_EMS = 14;
// Slanted names sit cell × sin 45° apart: at most this share of a cell keeps them apart.
const LABEL_PER_CELL = 0.6;
const LEGEND_HEIGHT = 40;
const SWATCH = 14;
// Below this a count is unreadable, and the colour alone tells it.
const MIN_NUMBER_SIZE = 6;

export interface HeatmapOptions {
  title: string;
  subtitle?: string;
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Two decimals keep the SVG short and the same on every machine.
const px = (value: number) => String(Math.round(value * 100) / 100);

/** A count as it fits in a cell: 999, 1.2k, 15k. */
function count(value: number): string {
  if (value < 999.5) return String(Math.round(value));
  if (value < 9950) return `${(value / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(value / 1000)}k`;
}

interface Layout {
  names: string[];
  labelSize: number;
  cell: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Cells as large as fit in MAX_IMAGE_PX beside the names and their slanted copies above the
 * grid; when they get small, the names' font shrinks too so rows do not overlap.
 */
function layout(departments: string[], header: number, minWidth: number): Layout {
  const n = departments.length;
  for (let labelSize = LABEL_SIZES.max; ; labelSize -= 1) {
    const names = departments.map((d) =>
      fitText(d, MAX_LABEL_CHARS, LABEL_EMS * labelSize, labelSize),
    );
    const labelWidth = Math.max(labelSize, ...names.map((name) => textWidth(name, labelSize)));
    // Names above the columns run up and right at 45°, past the last column.
    const slant = labelWidth * Math.SQRT1_2 + labelSize;
    const left = PAD + labelWidth + GAP;
    const top = header + slant + GAP;
    const fit = Math.min(
      MAX_CELL,
      (MAX_IMAGE_PX - left - slant - PAD) / Math.max(n, 1),
      (MAX_IMAGE_PX - top - LEGEND_HEIGHT - PAD) / Math.max(n, 1),
    );
    const cell = fit >= 4 ? Math.floor(fit) : Math.floor(fit * 100) / 100;
    if (labelSize <= cell * LABEL_PER_CELL || labelSize === LABEL_SIZES.min) {
      const width = Math.min(
        MAX_IMAGE_PX,
        Math.ceil(Math.max(left + n * cell + slant + PAD, minWidth)),
      );
      const height = Math.ceil(top + n * cell + LEGEND_HEIGHT + PAD);
      return { names, labelSize, cell, left, top, width, height };
    }
  }
}

function legend(x: number, y: number, max: number): string[] {
  const parts = [
    `<rect x="${px(x)}" y="${px(y)}" width="${SWATCH}" height="${SWATCH}" fill="${NO_LINK_FILL}"/>`,
    `<text x="${px(x + SWATCH + 4)}" y="${px(y + 11)}">0 ${NO_LINK_LABEL}</text>`,
  ];
  if (max <= 0) return parts;
  let at = x + SWATCH + 4 + textWidth(`0 ${NO_LINK_LABEL}`, 11) + 20;
  parts.push(`<text x="${px(at)}" y="${px(y + 11)}">1</text>`);
  at += textWidth('1', 11) + 4;
  for (const fill of max > 1 ? SCALE_FILLS : [SCALE_FILLS.at(-1)!]) {
    parts.push(
      `<rect x="${px(at)}" y="${px(y)}" width="${SWATCH}" height="${SWATCH}" fill="${fill}"/>`,
    );
    at += SWATCH;
  }
  if (max > 1) parts.push(`<text x="${px(at + 4)}" y="${px(y + 11)}">${count(max)}</text>`);
  return parts;
}

/** The width the legend needs, so a matrix of two still shows all of it. */
const LEGEND_WIDTH =
  SWATCH + 4 + textWidth(`0 ${NO_LINK_LABEL}`, 11) + 20 + 12 + SWATCH * SCALE_FILLS.length + 40;

/**
 * A symmetric department × department matrix as an SVG heatmap: each pair's count written in
 * its cell, coloured from NO_LINK_FILL (0) through SCALE_FILLS (1 to the largest count). A
 * department's own cell is SELF_FILL when 0: it is not a pair, so not a silo.
 */
export function heatmapSvg(departments: string[], cells: number[][], opts: HeatmapOptions): string {
  const n = departments.length;
  if (cells.length !== n || cells.some((row) => row.length !== n))
    throw new Error(`heatmap needs a ${n} × ${n} matrix`);
  const values = cells.flat();
  if (values.some((v) => !Number.isFinite(v) || v < 0))
    throw new Error('heatmap counts must be finite and not negative');
  const max = Math.max(0, ...values);

  const title = fitText(opts.title, 200, MAX_IMAGE_PX - 2 * PAD, TITLE_SIZE, 'bold');
  const subtitle =
    opts.subtitle && fitText(opts.subtitle, 300, MAX_IMAGE_PX - 2 * PAD, SUBTITLE_SIZE);
  const header = PAD + TITLE_SIZE + (subtitle ? SUBTITLE_SIZE + 8 : 0) + 12;
  const minWidth =
    2 * PAD +
    Math.max(
      // A little room over the measured widths: the renderer's hinting draws a bold line wider.
      textWidth(title, TITLE_SIZE, 'bold') * 1.05,
      textWidth(subtitle || '', SUBTITLE_SIZE) * 1.05,
      LEGEND_WIDTH,
    );
  const { names, labelSize, cell, left, top, width, height } = layout(
    departments,
    header,
    minWidth,
  );

  const widestEm = Math.max(1, ...values.map((v) => textWidth(count(v), 1)));
  const numberSize = Math.min(12, cell * 0.5, (cell - 4) / widestEm);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${HEATMAP_FONT}" fill="#1f1f1f">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + TITLE_SIZE - 4}" font-size="${TITLE_SIZE}" font-weight="bold">${xml(title)}</text>`,
  ];
  if (subtitle)
    out.push(
      `<text x="${PAD}" y="${PAD + TITLE_SIZE + SUBTITLE_SIZE + 4}" font-size="${SUBTITLE_SIZE}" fill="#555555">${xml(subtitle)}</text>`,
    );

  out.push(`<g font-size="${px(labelSize)}">`);
  names.forEach((name, i) => {
    const middle = i * cell + cell / 2;
    out.push(
      `<text x="${px(left - GAP)}" y="${px(top + middle + labelSize * 0.35)}" text-anchor="end">${xml(name)}</text>`,
    );
    out.push(
      `<text transform="translate(${px(left + middle + labelSize * 0.25)} ${px(top - GAP)}) rotate(-45)">${xml(name)}</text>`,
    );
  });
  out.push('</g>');

  out.push(`<g stroke="#ffffff" stroke-width="1">`);
  const numbers: string[] = [];
  cells.forEach((row, i) =>
    row.forEach((value, j) => {
      const self = i === j && value === 0;
      const { fill, ink } = self ? { fill: SELF_FILL, ink: '' } : cellColours(value, max);
      const x = left + j * cell;
      const y = top + i * cell;
      out.push(
        `<rect class="cell" data-row="${i}" data-col="${j}" data-value="${value}" x="${px(x)}" y="${px(y)}" width="${px(cell)}" height="${px(cell)}" fill="${fill}"/>`,
      );
      if (!self && numberSize >= MIN_NUMBER_SIZE)
        numbers.push(
          `<text x="${px(x + cell / 2)}" y="${px(y + cell / 2 + numberSize * 0.35)}" fill="${ink}">${count(value)}</text>`,
        );
    }),
  );
  out.push('</g>', `<g font-size="${px(numberSize)}" text-anchor="middle">`, ...numbers, '</g>');

  out.push(`<g font-size="11">`, ...legend(PAD, top + n * cell + 14, max), '</g>', '</svg>');
  return out.join('\n');
}

import { PNG } from 'pngjs';
import { svgToPng, svgToPngAsync } from '../../src/charts/png';
import {
  HEATMAP_FONT,
  heatmapSvg,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PX,
  MAX_LABEL_CHARS,
} from '../../src/core/domain/heatmap';
import { NO_LINK_FILL, SCALE_FILLS, SELF_FILL } from '../../src/core/domain/heatmap-colours';

const FOUR = ['Engineering', 'R&D <Labs>', 'Sales, "EMEA"', 'Small departments'];
// Symmetric; Engineering and Sales never met; the small departments met among themselves.
const FOUR_CELLS = [
  [0, 3, 0, 9],
  [3, 0, 1, 4],
  [0, 1, 0, 2],
  [9, 4, 2, 5],
];
const OPTS = { title: 'Links between departments', subtitle: 'Last 12 weeks' };

/** Forty departments whose names are forty characters long, and all different. */
function forty(): { names: string[]; cells: number[][] } {
  const names = Array.from({ length: 40 }, (_, i) =>
    `Department ${String(i).padStart(2, '0')} of Operations & Logistics`.padEnd(40, '!'),
  );
  const cells = names.map((_, i) => names.map((_, j) => (i === j ? 0 : (i * j + i + j) % 120)));
  return { names, cells };
}

interface Cell {
  row: number;
  col: number;
  value: number;
  x: number;
  y: number;
  size: number;
  fill: string;
}

function cellsOf(svg: string): Cell[] {
  const rect =
    /<rect class="cell" data-row="(\d+)" data-col="(\d+)" data-value="([\d.]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="(#[0-9a-f]{6})"\/>/g;
  return [...svg.matchAll(rect)].map((m) => ({
    row: Number(m[1]),
    col: Number(m[2]),
    value: Number(m[3]),
    x: Number(m[4]),
    y: Number(m[5]),
    size: Number(m[6]),
    fill: m[7]!,
  }));
}

const sizeOf = (svg: string) => {
  const m = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
};
const rowLabels = (svg: string) =>
  [...svg.matchAll(/<text [^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]!);
const numbers = (svg: string) =>
  svg.split(/<g font-size="[\d.]+" text-anchor="middle">/)[1]!.split('</g>')[0]!;
const luminance = (hex: string) =>
  [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).reduce((a, b) => a + b);

describe('the heatmap as SVG', () => {
  const svg = heatmapSvg(FOUR, FOUR_CELLS, OPTS);

  it('escapes every name, and draws them on both axes', () => {
    expect(svg).not.toContain('R&D <Labs>');
    expect(svg.split('R&amp;D &lt;Labs&gt;')).toHaveLength(3);
    expect(svg.split('Sales, &quot;EMEA&quot;')).toHaveLength(3);
  });

  it('colours a pair with no link apart, the largest count darkest, and a department with itself neutrally', () => {
    const cells = cellsOf(svg);
    expect(cells).toHaveLength(16);
    const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col)!;
    expect(at(0, 2).fill).toBe(NO_LINK_FILL);
    expect(at(2, 0).fill).toBe(NO_LINK_FILL);
    expect(at(0, 3).fill).toBe(SCALE_FILLS.at(-1));
    expect(at(1, 2).fill).toBe(SCALE_FILLS[0]);
    expect(at(0, 0).fill).toBe(SELF_FILL);
    // The small departments' links among themselves are a count like any other.
    expect(at(3, 3).fill).not.toBe(SELF_FILL);
    const linked = cells.filter((c) => c.value > 0).sort((a, b) => a.value - b.value);
    for (let i = 1; i < linked.length; i += 1) {
      expect(linked[i]!.fill).not.toBe(NO_LINK_FILL);
      expect(luminance(linked[i]!.fill)).toBeLessThanOrEqual(luminance(linked[i - 1]!.fill));
    }
  });

  it('writes the count in every cell but a department with itself', () => {
    const written = [...numbers(svg).matchAll(/>(\d+)<\/text>/g)].map((m) => Number(m[1]));
    const expected = FOUR_CELLS.flatMap((row, i) => row.filter((v, j) => i !== j || v > 0));
    expect(written).toEqual(expected);
  });

  it('names no font but the one the renderer loads', () => {
    const families = [...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(families)).toEqual(new Set([HEATMAP_FONT]));
  });

  it('is the same for the same input', () => {
    expect(heatmapSvg(FOUR, FOUR_CELLS, OPTS)).toBe(svg);
  });

  it('fits forty departments with long names within the limit, names cut, every count written', () => {
    const { names, cells } = forty();
    const big = heatmapSvg(names, cells, OPTS);
    const { width, height } = sizeOf(big);
    expect(Math.max(width, height)).toBeLessThanOrEqual(MAX_IMAGE_PX);
    const labels = rowLabels(big);
    expect(labels).toHaveLength(40);
    for (const label of labels) {
      expect([...label].length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
      expect(label).toMatch(/…$/);
    }
    expect(new Set(labels).size).toBe(40);
    expect([...numbers(big).matchAll(/<text /g)]).toHaveLength(40 * 39);
    for (const cell of cellsOf(big)) expect(cell.x + cell.size).toBeLessThanOrEqual(width);
  });

  it('refuses a matrix that does not match the departments', () => {
    expect(() => heatmapSvg(FOUR, FOUR_CELLS.slice(1), OPTS)).toThrow();
    expect(() =>
      heatmapSvg(
        ['a', 'b'],
        [
          [0, -1],
          [-1, 0],
        ],
        OPTS,
      ),
    ).toThrow();
  });
});

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a PNG must begin with after its signature. */
function header(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The colour drawn 2 px inside a cell's top-left corner, clear of its border and number. */
function pixel(image: PNG, cell: Cell): string {
  const at = (Math.floor(cell.y + 2) * image.width + Math.floor(cell.x + 2)) * 4;
  const rgb = [...image.data.subarray(at, at + 3)];
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

describe('the heatmap as PNG', () => {
  const svg = heatmapSvg(FOUR, FOUR_CELLS, OPTS);
  const png = svgToPng(svg);

  it('is a PNG of the size the SVG says, within the limits', () => {
    expect(header(png)).toEqual(sizeOf(svg));
    expect(png.byteLength).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  });

  it('shows the colours the SVG asks for, and text', () => {
    const image = PNG.sync.read(Buffer.from(png));
    const cells = cellsOf(svg);
    for (const cell of cells) expect(pixel(image, cell)).toBe(cell.fill);
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.readUInt32BE(i));
    // Four fills, white and anti-aliased text: a blank or single-colour image has far fewer.
    expect(colours.size).toBeGreaterThan(20);
    // The title's band, above everything else: dark only if the font loaded and drew it.
    let ink = 0;
    for (let y = 12; y < 36; y += 1)
      for (let x = 0; x < image.width; x += 1)
        if (image.data[(y * image.width + x) * 4]! < 128) ink += 1;
    expect(ink).toBeGreaterThan(300);
  });

  it('is the same bytes every time, drawn here or on the thread pool', async () => {
    expect(Buffer.from(svgToPng(svg)).equals(Buffer.from(png))).toBe(true);
    expect(Buffer.from(await svgToPngAsync(svg)).equals(Buffer.from(png))).toBe(true);
  });

  it('stays within the limits for forty departments with long names', () => {
    const { names, cells } = forty();
    const big = svgToPng(heatmapSvg(names, cells, OPTS));
    const { width, height } = header(big);
    expect(Math.max(width, height)).toBeLessThanOrEqual(MAX_IMAGE_PX);
    expect(Math.min(width, height)).toBeGreaterThan(MAX_IMAGE_PX * 0.8);
    expect(big.byteLength).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  });
});

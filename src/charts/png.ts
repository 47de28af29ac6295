/**
 * SVG to PNG with resvg, a native module, which is why this lives outside the core. Only the
 * DejaVu fonts shipped in node_modules are loaded, never the system's: a chart renders the
 * same on a laptop and in a slim container with no fonts, and nothing is fetched.
 */
import path from 'node:path';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { HEATMAP_FONT } from '../core/domain/heatmap';

const FONTS = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

const OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONTS, f)),
    defaultFontFamily: HEATMAP_FONT,
  },
  // The SVG is drawn at the size it is meant to be shown.
  fitTo: { mode: 'original' },
};

const bytes = (png: Buffer) => new Uint8Array(png.buffer, png.byteOffset, png.byteLength);

export function svgToPng(svg: string): Uint8Array {
  return bytes(new Resvg(svg, OPTIONS).render().asPng());
}

/**
 * The same PNG, drawn on libuv's thread pool: a 40-department heatmap takes about a second of
 * CPU, which would otherwise stall every other request the process is serving.
 */
export async function svgToPngAsync(svg: string): Promise<Uint8Array> {
  return bytes((await renderAsync(svg, OPTIONS)).asPng());
}

import type { PicturePort } from '../core/conversation/reply';
import { svgToPngAsync } from './png';

/** The core's pictures, drawn by resvg: every adapter hands the conversation this one. */
export const pictures: PicturePort = { png: svgToPngAsync };

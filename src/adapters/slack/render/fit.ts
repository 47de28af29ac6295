import { plain, type Inline, type Text } from '../../../core/conversation/text';

/**
 * Plain text cut to at most `max` UTF-16 units (what Slack counts, at worst), ending with
 * `mark`, never in the middle of an emoji's surrogate pair.
 */
export function clip(text: string, max: number, mark = '…'): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length + mark.length > max) break;
    out += char;
  }
  return out + mark;
}

type Words = Extract<Inline, { type: 'text' | 'bold' | 'command' }>;
const isWords = (piece: Inline): piece is Words =>
  piece.type === 'text' || piece.type === 'bold' || piece.type === 'command';

/** How much of a text there is to keep: a character of words each, a mention or date as one. */
const units = (piece: Inline) => (isWords(piece) ? [...piece.text].length : 1);

/** The first `n` units of a text and "…": mentions, dates and links are kept whole or left out. */
export function cut(text: Text, n: number): Text {
  const out: Text = [];
  let left = n;
  for (const piece of text) {
    if (left <= 0) break;
    const size = units(piece);
    if (size <= left) out.push(piece);
    else if (isWords(piece)) out.push({ ...piece, text: [...piece.text].slice(0, left).join('') });
    left -= size;
  }
  return [...out, plain('…')];
}

/**
 * `render(text)` if it fits in `max` characters, else the rendering of the longest start of the
 * text that does. Shortening the source rather than the markup keeps every escape (&amp;) and
 * every <…> token whole.
 */
export function fitted(text: Text, max: number, render: (t: Text) => string): string {
  const full = render(text);
  if (full.length <= max) return full;
  let low = 0;
  let high = text.reduce((sum, piece) => sum + units(piece), 0) - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(cut(text, mid)).length <= max) low = mid;
    else high = mid - 1;
  }
  const best = render(cut(text, low));
  return best.length <= max ? best : clip('…', max);
}

/** A text's lines: split at breaks and at newlines inside its words. */
export function linesOf(text: Text): Text[] {
  const lines: Text[] = [[]];
  for (const piece of text) {
    if (piece.type === 'break') {
      lines.push([]);
      continue;
    }
    if (!isWords(piece)) {
      lines.at(-1)!.push(piece);
      continue;
    }
    piece.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines.at(-1)!.push({ ...piece, text: part });
    });
  }
  return lines;
}

import { plain, type Inline, type Text } from '../../../core/conversation/text';

type Words = Extract<Inline, { type: 'text' | 'bold' | 'command' }>;
const isWords = (piece: Inline): piece is Words =>
  piece.type === 'text' || piece.type === 'bold' || piece.type === 'command';

/** A text's length in what can be kept or dropped: a character of words, or one whole piece. */
const size = (piece: Inline) => (isWords(piece) ? [...piece.text].length : 1);

/** The text's first `n` units and "…": a mention, date or link is kept whole or left out. */
function firstOf(text: Text, n: number): Text {
  const out: Text = [];
  let left = n;
  for (const piece of text) {
    if (left <= 0) break;
    const units = size(piece);
    if (units <= left) out.push(piece);
    else if (isWords(piece)) out.push({ ...piece, text: [...piece.text].slice(0, left).join('') });
    left -= units;
  }
  return [...out, plain('…')];
}

/**
 * `render(text)` within `max` characters: the whole text when it fits, else the longest start
 * of it that does, ended with "…". The source is shortened, never the Markdown, so that no
 * escape, <at> tag or date function is cut in half.
 */
export function fitText(text: Text, max: number, render: (t: Text) => string): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  let low = 0;
  let high = text.reduce((sum, piece) => sum + size(piece), 0) - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(firstOf(text, mid)).length <= max) low = mid;
    else high = mid - 1;
  }
  const best = render(firstOf(text, low));
  return best.length <= max ? best : '…';
}

/** Plain words within `max` characters, ended with "…" when shortened. */
export function clip(words: string, max: number): string {
  const chars = [...words];
  return chars.length <= max ? words : `${chars.slice(0, max - 1).join('')}…`;
}

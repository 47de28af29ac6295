import { DateTime } from 'luxon';

/**
 * What Rapport says, as pieces each platform writes its own way: a mention is <@U1> on Slack,
 * <at>Name</at> on Teams and a plain name in the terminal; a command is code on Slack and
 * plain in the terminal. Core text never holds platform markup.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'bold'; text: string }
  | { type: 'command'; text: string }
  | { type: 'mention'; userId: string; name: string }
  | { type: 'channel'; channelId: string; name: string }
  | { type: 'date'; at: string; zone: string; style: DateStyle }
  | { type: 'link'; url: string; label: string }
  | { type: 'break' };

/**
 * 'day': a day in the reader's calendar, written in `zone` everywhere (a pause ends on a day,
 * whatever zone the platform thinks the reader is in). 'moment', 'time' and 'short': an
 * instant, which platforms that can show it in each reader's own zone do; others use `zone`.
 */
export type DateStyle = 'day' | 'moment' | 'time' | 'short';

export type Text = Inline[];
/** What composers accept: strings are plain text. */
export type Part = Inline | string | Text | null | undefined | false;

export const plain = (text: string): Inline => ({ type: 'text', text });
export const bold = (text: string): Inline => ({ type: 'bold', text });
export const command = (text: string): Inline => ({ type: 'command', text });
export const br: Inline = { type: 'break' };
export const link = (url: string, label: string): Inline => ({ type: 'link', url, label });

export const mention = (p: { userId: string; name: string }): Inline => ({
  type: 'mention',
  userId: p.userId,
  name: p.name,
});

export const channel = (channelId: string, name = channelId): Inline => ({
  type: 'channel',
  channelId,
  name,
});

export const date = (at: Date | string, zone: string, style: DateStyle): Inline => ({
  type: 'date',
  at: typeof at === 'string' ? at : at.toISOString(),
  zone,
  style,
});

/** Pieces in order; strings become plain text, nested texts are flattened, falsy parts vanish. */
export function text(...parts: Part[]): Text {
  const out: Text = [];
  for (const part of parts) {
    if (!part) continue;
    if (typeof part === 'string') out.push(plain(part));
    else if (Array.isArray(part)) out.push(...part);
    else out.push(part);
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: Text[], last = 'and'): Text {
  if (items.length <= 1) return items[0] ?? [];
  const out: Text = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(plain(i === items.length - 1 ? ` ${last} ` : ', '));
    out.push(...item);
  });
  return out;
}

/** Pieces joined by a separator. */
export function joined(items: Text[], separator: string): Text {
  const out: Text = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(plain(separator));
    out.push(...item);
  });
  return out;
}

const FORMATS: Record<DateStyle, string> = {
  day: 'cccc d LLLL yyyy',
  moment: "cccc d LLLL 'at' HH:mm",
  time: 'HH:mm',
  short: 'd LLL yyyy',
};

/**
 * A date piece as words in its zone: what platforms without a date element show. A moment in
 * UTC says so, since the reader is probably elsewhere.
 */
export function dateWords(piece: Extract<Inline, { type: 'date' }>): string {
  const words = DateTime.fromISO(piece.at, { zone: piece.zone }).toFormat(FORMATS[piece.style]);
  return piece.zone === 'UTC' && (piece.style === 'time' || piece.style === 'moment')
    ? `${words} UTC`
    : words;
}

/** Text as plain words, mentions as names: for logs, tests and notification previews. */
export function plainText(t: Text): string {
  return t
    .map((p) => {
      switch (p.type) {
        case 'mention':
          return p.name;
        case 'channel':
          return `#${p.name}`;
        case 'date':
          return dateWords(p);
        case 'link':
          return p.label;
        case 'break':
          return '\n';
        default:
          return p.text;
      }
    })
    .join('');
}

/** Shortens text to at most `max` characters of its words, ending with "…". */
export function shorten(t: string, max: number): string {
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : t;
}

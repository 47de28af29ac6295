import { dateWords, type Inline, type Text } from '../../../core/conversation/text';
import type { Mentions } from './mentions';
import type { RenderOptions } from './options';

/**
 * Teams reads a TextBlock's text as a subset of Markdown and takes a line break only as a new
 * paragraph: a single newline would join two lines into one.
 */
export const PARAGRAPH = '\n\n';

// Invisible, and no character of markup: it keeps "<at>" and "{{DATE(" typed by a person from
// being read as a mention or a date, which no backslash escape prevents (Teams looks for the
// mention's text as written, and the date functions run before Markdown).
const JOINER = '\u2060';

/**
 * Words as typed, none of them markup: Markdown's characters escaped with a backslash (how
 * CommonMark, and Teams, escape them), an entity-like "&amp;" kept as typed, and at the start
 * of a line what would begin a heading, a list, a quote or a code block.
 */
export function escapeWords(words: string, lineStart: boolean): string {
  const escaped = words
    .replace(/[\\`*_~[\]]/g, '\\$&')
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    .replace(/</g, `<${JOINER}`)
    .replace(/\{(?=\{)/g, `{${JOINER}`);
  if (!lineStart) return escaped;
  // Leading spaces would make an indented code block; no-break spaces keep the indent only.
  const [, lead = '', rest = ''] = /^([ \t]*)(.*)$/su.exec(escaped) ?? [];
  if (lead) return lead.replace(/[ \t]/g, '\u00a0') + rest;
  return rest.replace(/^[#>+=|-]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Bold on one line: the asterisks touch the words, the spaces stay outside. */
function boldLine(line: string, lineStart: boolean): string {
  const [, before = '', words = '', after = ''] = /^(\s*)(.*?)(\s*)$/su.exec(line) ?? [];
  if (!words) return line;
  const lead = lineStart ? before.replace(/\s/g, '\u00a0') : before;
  return `${lead}**${escapeWords(words, false)}**${after}`;
}

/** A moment in the strict form Adaptive Cards' date functions accept: seconds, no fraction. */
function functionTime(at: string): string | null {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(iso) ? iso : null;
}

/**
 * A calendar day in words, in its zone; an instant through the date functions, which Teams
 * shows in the reader's own zone and language.
 */
function date(
  piece: Extract<Inline, { type: 'date' }>,
  lineStart: boolean,
  options: RenderOptions,
): string {
  const at = functionTime(piece.at);
  if (!at) return escapeWords(piece.at, lineStart);
  if (options.dates === 'words') return escapeWords(dateWords(piece), lineStart);
  switch (piece.style) {
    case 'day':
      return escapeWords(dateWords(piece), lineStart);
    case 'moment':
      return `{{DATE(${at}, LONG)}} {{TIME(${at})}}`;
    case 'time':
      return `{{TIME(${at})}}`;
    case 'short':
      return `{{DATE(${at}, SHORT)}}`;
  }
}

/** Only web links; the address with the brackets that would end a Markdown link encoded. */
function link(url: string, label: string, lineStart: boolean): string {
  const words = (label || url).replace(/\s+/g, ' ');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeWords(words, lineStart);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return escapeWords(words, lineStart);
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${escapeWords(words, false)}](${href})`;
}

/** Each line of `words` drawn by `each`, joined as paragraphs. */
function lines(words: string, lineStart: boolean, each: (line: string, start: boolean) => string) {
  return words
    .split(/\r\n|\r|\n/)
    .map((line, i) => each(line, i > 0 || lineStart))
    .join(PARAGRAPH);
}

/**
 * Core text as Teams Markdown: only the pieces Rapport chose become bold, links, mentions or
 * dates; everything a person typed reads as typed.
 */
export function markdown(text: Text, mentions: Mentions, options: RenderOptions = {}): string {
  let out = '';
  for (const piece of text) {
    const start = out === '' || out.endsWith(PARAGRAPH);
    switch (piece.type) {
      case 'text':
      case 'command':
        // Teams has no inline code in cards: a command reads as typed.
        out += lines(piece.text, start, escapeWords);
        break;
      case 'bold':
        out += lines(piece.text, start, boldLine);
        break;
      case 'mention':
        out += mentions.tag(piece.userId, piece.name) ?? escapeWords(piece.name, start);
        break;
      case 'channel': {
        const named =
          piece.name !== piece.channelId ? piece.name : options.channelName?.(piece.channelId);
        out += escapeWords(`#${(named || piece.name).replace(/^#/, '')}`, start);
        break;
      }
      case 'date':
        out += date(piece, start, options);
        break;
      case 'link':
        out += link(piece.url, piece.label, start);
        break;
      case 'break':
        out += PARAGRAPH;
        break;
    }
  }
  // Blank lines say nothing more in Markdown than one paragraph break.
  return out.replace(/(?:\n\n)+/g, PARAGRAPH).replace(/^\n+|\n+$/g, '');
}

/** Plain words, on one line or several, as Teams Markdown that shows them as they are. */
export const escapeText = (words: string): string => lines(words, true, escapeWords);

import { dateWords, type DateStyle, type Inline, type Text } from '../../../core/conversation/text';

/** Slack reads &, < and > as markup; everything else a person typed is shown as typed. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SLACK_USER = /^[UW][A-Z0-9]+$/;
const SLACK_CHANNEL = /^[CG][A-Z0-9]+$/;

/** Slack's date tokens by style; 'day' is absent: a calendar day is written in its own zone. */
const DATE_TOKENS: Record<Exclude<DateStyle, 'day'>, string> = {
  moment: '{date_long_pretty} {time}',
  time: '{time}',
  short: '{date_short}',
};

/**
 * Slack draws *…* as bold only when the asterisks touch words and stay on one line, and has no
 * way to escape an asterisk inside: so spaces go outside, each line gets its own pair, and an
 * asterisk in the words becomes a lookalike that cannot end the bold early.
 */
function boldLine(line: string): string {
  const [, before = '', words = '', after = ''] = /^(\s*)(.*?)(\s*)$/su.exec(line) ?? [];
  if (!words) return line;
  return `${before}*${escape(words.replace(/\*/g, '∗'))}*${after}`;
}

/** A backtick would end the code early; a quote mark reads the same. */
function codeLine(line: string): string {
  return line.trim() ? `\`${escape(line.replace(/`/g, "'"))}\`` : line;
}

const perLine = (text: string, each: (line: string) => string) =>
  text.split('\n').map(each).join('\n');

function link(url: string, label: string): string {
  const words = escape(label || url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return words;
  }
  // Only web links: a javascript: or slack: address stays words, never something to click.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return words;
  const href = escape(parsed.href.replace(/\|/g, '%7C'));
  return `<${href}|${words}>`;
}

function date(piece: Extract<Inline, { type: 'date' }>): string {
  const seconds = Math.floor(Date.parse(piece.at) / 1000);
  if (!Number.isFinite(seconds)) return escape(piece.at);
  const words = escape(dateWords(piece));
  if (piece.style === 'day') return words;
  return `<!date^${seconds}^${DATE_TOKENS[piece.style]}|${words}>`;
}

function inline(piece: Inline): string {
  switch (piece.type) {
    case 'text':
      return escape(piece.text);
    case 'bold':
      return perLine(piece.text, boldLine);
    case 'command':
      return perLine(piece.text, codeLine);
    case 'mention':
      // An id that is not Slack's (a demo or Teams id) would render as a broken ping.
      return SLACK_USER.test(piece.userId) ? `<@${piece.userId}>` : escape(`@${piece.name}`);
    case 'channel':
      return SLACK_CHANNEL.test(piece.channelId)
        ? `<#${piece.channelId}>`
        : escape(`#${piece.name}`);
    case 'date':
      return date(piece);
    case 'link':
      return link(piece.url, piece.label);
    case 'break':
      return '\n';
  }
}

/** Core text as Slack mrkdwn: only the pieces Rapport chose become pings, links or dates. */
export function mrkdwn(text: Text): string {
  return text.map(inline).join('');
}

import { endsMentorship } from '../use-cases/mentorship';
import { DEFAULT_INSIGHT_WEEKS, INSIGHT_WEEKS } from '../domain/insights';
import type { ChannelToken, Command, CommandInput, MentionToken } from './commands';

// Words people put between the names: "@ana, @li and @sam thanks…".
const JOINERS = /^(?:\s|,|&|\+|\band\b|\bund\b|\bet\b|\by\b)*/iu;
// Separators after the names: "@li: thanks"; a colon that opens an emoji code (":tada:") stays.
const SEPARATORS = /^(?:\s|[,;]|:(?![\w+'-]+:))+/u;
// Everyone-in-the-room words are never people, whatever the platform made of them.
const ROOM = /(^|[^\p{L}\p{N}_])@(here|channel|everyone)\b/giu;

type Span = { start: number; end: number };
const inside = (at: number, spans: Span[]) => spans.some((s) => at >= s.start && at < s.end);

/** The platform's mentions, plus @here / @channel / @everyone written as plain words. */
function mentionsIn(input: CommandInput): MentionToken[] {
  const found = [...input.mentions];
  for (const m of input.text.matchAll(ROOM)) {
    const start = m.index + m[1]!.length;
    if (inside(start, found)) continue;
    found.push({
      start,
      end: start + m[0].length - m[1]!.length,
      userId: `@${m[2]!.toLowerCase()}`,
      kind: 'group',
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * `/kudos`: every mention is a recipient; the run of mentions at the start is the address
 * line and is left out of the message, while mentions inside the sentence stay where the
 * giver wrote them.
 */
function kudos(input: CommandInput): Command {
  if (input.text.trim() === '') return { kind: 'kudos_form' };
  const mentions = mentionsIn(input);
  let cursor = 0;
  for (const mention of mentions) {
    const gap = input.text.slice(cursor, mention.start);
    if (gap.replace(JOINERS, '') !== '') break;
    cursor = mention.end;
  }
  const rest = input.text.slice(cursor);
  const lead = rest.length - rest.replace(SEPARATORS, '').length;
  const body = rest.slice(lead);
  const message = body.trimEnd();
  const offset = cursor + lead;
  const people = mentions.filter((m) => m.kind !== 'group');
  // "@nia thanks": a name at the start that the platform could not resolve to anyone.
  const unresolved = /^@([\p{L}\p{N}][\p{L}\p{N}._-]*)/u.exec(message)?.[0];
  return {
    kind: 'kudos',
    ...(unresolved && { unresolved }),
    recipientIds: [...new Set(people.map((m) => m.userId))],
    groupMentions: [...new Set(mentions.filter((m) => m.kind === 'group').map((m) => m.userId))],
    message,
    inlineMentions: people
      .filter((m) => m.start >= offset && m.end <= offset + message.length)
      .map((m) => ({ start: m.start - offset, end: m.end - offset, userId: m.userId })),
  };
}

/** The text with the given spans cut out. */
function without(text: string, spans: Span[]): string {
  return [...spans]
    .sort((a, b) => b.start - a.start)
    .reduce((t, s) => t.slice(0, s.start) + t.slice(s.end), text);
}

function followup(input: CommandInput): Command {
  const words = input.text.trim().toLowerCase().split(/\s+/);
  if (words.length === 1 && words[0] === 'list') return { kind: 'followup_list' };
  if (words[0] === 'cancel' && input.mentions.length === 0) {
    const n = /^cancel\s+#?(\d{1,3})$/i.exec(input.text.trim());
    return { kind: 'followup_cancel', n: n ? Number(n[1]) : null };
  }
  const mentions = mentionsIn(input);
  return { kind: 'followup', mentions, when: without(input.text, mentions).replace(/\s+/g, ' ') };
}

function nudges(rest: string): Command {
  const t = rest.trim().toLowerCase();
  if (t === '') return { kind: 'nudges', wanted: null };
  if (t === 'off') return { kind: 'nudges', wanted: { enabled: false } };
  if (t === 'on') return { kind: 'nudges', wanted: { enabled: true } };
  const every = /^(?:every|after)\s+(?:(\d{1,3})\s*)?(d|days?|w|weeks?|months?)$/.exec(t);
  if (!every) return { kind: 'invalid', usage: { code: 'nudges_unreadable', typed: rest } };
  const n = Number(every[1] ?? 1);
  const unit = every[2]!;
  const days = n * (unit.startsWith('m') ? 30 : unit.startsWith('w') ? 7 : 1);
  if (days < 7 || days > 365) return { kind: 'invalid', usage: { code: 'nudges_range' } };
  return { kind: 'nudges', wanted: { enabled: true, cadenceDays: days } };
}

function onOff(rest: string): boolean | null | 'unreadable' {
  const t = rest.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'on') return true;
  if (t === 'off') return false;
  return 'unreadable';
}

/** `/rapport insights [4w|12w|52w]`: weeks as a number, with or without "w" or "weeks". */
function insights(rest: string): Command {
  const t = rest.trim().toLowerCase();
  if (t === '') return { kind: 'insights', weeks: DEFAULT_INSIGHT_WEEKS };
  const n = /^(\d{1,2})\s*(?:w|wks?|weeks?)?$/.exec(t)?.[1];
  const weeks = t === 'year' ? 52 : INSIGHT_WEEKS.find((w) => String(w) === n);
  return weeks
    ? { kind: 'insights', weeks }
    : { kind: 'invalid', usage: { code: 'insights_period', typed: rest } };
}

function rapport(input: CommandInput): Command {
  const match = /^\s*(\S*)/.exec(input.text)!;
  const sub = match[1]!.toLowerCase();
  const restStart = match[0].length;
  const rest = input.text.slice(restStart).trim();
  /** The text after the subcommand with these spans cut out. */
  const restWithout = (spans: Span[]) => without(input.text, spans).slice(restStart);
  const mentions = input.mentions.filter((m) => m.start >= restStart);
  const channels = input.channels.filter((c: ChannelToken) => c.start >= restStart);
  const channelId = channels[0]?.channelId ?? null;
  const people = mentionsIn({ ...input, mentions }).filter((m) => m.start >= restStart);
  switch (sub) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'home':
    case 'me':
    case 'settings':
    case 'values':
    case 'deliveries':
    case 'suggest':
    case 'resume':
    case 'optout':
    case 'optin':
    case 'export':
      return { kind: sub };
    case 'forget-me':
      return { kind: 'forget_me' };
    case 'department':
      return { kind: 'department', name: rest };
    case 'admin': {
      const verb = /^(\S*)/.exec(rest)![1]!.toLowerCase();
      if (verb === '') return { kind: 'admin' };
      if (verb !== 'add' && verb !== 'remove')
        return { kind: 'invalid', usage: { code: 'admin_what', typed: rest } };
      const userIds = [...new Set(people.filter((m) => m.kind !== 'group').map((m) => m.userId))];
      const grant = verb === 'add';
      return userIds.length === 0
        ? { kind: 'invalid', usage: { code: 'admin_who', grant } }
        : { kind: 'admin_grant', grant, userIds };
    }
    case 'join':
    case 'leave':
    case 'skip':
    case 'rounds':
      return { kind: sub, channelId };
    case 'round': {
      const page = /(?:^|\s)(\d{1,4})\s*$/.exec(restWithout(channels))?.[1];
      return { kind: 'round', channelId, page: page ? Number(page) : 1 };
    }
    case 'insights':
      return insights(rest);
    case 'pause':
      return { kind: 'pause', typed: rest };
    case 'met':
      return {
        kind: 'met',
        userIds: people.filter((m) => m.kind !== 'group').map((m) => m.userId),
      };
    case 'mentor':
    case 'mentee':
      return {
        kind: 'mentor',
        role: sub,
        userIds: [...new Set(people.filter((m) => m.kind !== 'group').map((m) => m.userId))],
        end: endsMentorship(restWithout(people)),
      };
    case 'nudges':
      return nudges(rest);
    case 'suggestions': {
      const on = onOff(rest);
      return on === 'unreadable'
        ? { kind: 'invalid', usage: { code: 'suggestions_what' } }
        : { kind: 'suggestions', on };
    }
    default:
      return { kind: 'unknown_subcommand', typed: match[1]! };
  }
}

/**
 * The one grammar of every command, on every platform: `/kudos`, `/followup` and each
 * `/rapport` subcommand (Teams and the demo may leave out the slash).
 */
export function parseCommand(input: CommandInput): Command {
  switch (input.name.replace(/^\//, '').toLowerCase()) {
    case 'kudos':
      return kudos(input);
    case 'followup':
      return followup(input);
    case 'rapport':
      return rapport(input);
    default:
      return { kind: 'unknown_command', name: input.name };
  }
}

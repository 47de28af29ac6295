import type { CommandInput, MentionToken } from '../../core/conversation/commands';

/** The parts of a Teams mention entity Rapport reads. */
export interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/** A mention in the message, with the Teams id of whom it names. */
export interface TeamsMention {
  start: number;
  end: number;
  teamsId: string;
  name: string;
}

// What Teams puts in a message's text besides the words: <at>…</at> around each mention, other
// markup from the compose box, and HTML entities.
const AT = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;
const TAG = /<\/?[a-z][^>]*>/gi;
const ENTITY: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const entities = (t: string) =>
  t
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => ENTITY[e]!)
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

/** Teams' ids for people and bots; a tag or a team mention has another shape. */
const isPerson = (id: string) => /^(29|28|8):/.test(id);

/**
 * A message's text as plain words, each <at>Name</at> written "@Name" with where it sits and
 * whom the matching mention entity names (Teams gives them in the order they appear). Text
 * around mentions loses its markup and entities; a mention no entity explains stays a word.
 */
export function readMessageText(
  raw: string,
  entityList: MentionEntity[] = [],
): { text: string; mentions: TeamsMention[] } {
  const pending = entityList.filter((e) => e.type === 'mention' && e.mentioned?.id);
  let text = '';
  let last = 0;
  const mentions: TeamsMention[] = [];
  const plain = (t: string) => entities(t.replace(TAG, ''));
  for (const m of raw.matchAll(AT)) {
    text += plain(raw.slice(last, m.index));
    last = m.index + m[0].length;
    const name = plain(m[1]!).trim();
    const at = pending.findIndex((e) => plain(e.text ?? '').trim() === name);
    const entity = at >= 0 ? pending.splice(at, 1)[0] : undefined;
    const start = text.length;
    text += `@${name}`;
    if (entity?.mentioned?.id)
      mentions.push({ start, end: text.length, teamsId: entity.mentioned.id, name });
  }
  text += plain(raw.slice(last));
  return { text, mentions };
}

const COMMANDS = new Set(['kudos', 'followup', 'rapport']);

/**
 * A message to Rapport as the core reads a command. The bot's own name where the message
 * starts is how a channel addresses it, not part of the command; a leading slash is optional;
 * and every /rapport subcommand may be typed alone ("help", "pause 2w"). People are the
 * mention entities' (mapped to Rapport's ids by `userIdOf`), never names read from the words.
 */
export function decodeTeamsCommand(
  text: string,
  mentions: TeamsMention[],
  botId: string,
  userIdOf: (teamsId: string) => string | null,
): CommandInput {
  let spans = [...mentions].sort((a, b) => a.start - b.start);
  let body = text;
  // "@Rapport kudos …": drop the addressing mention(s) at the start.
  for (;;) {
    const lead = body.length - body.trimStart().length;
    const first = spans[0];
    if (!first || first.start !== lead || first.teamsId !== botId) break;
    body = body.slice(first.end);
    spans = spans
      .slice(1)
      .map((s) => ({ ...s, start: s.start - first.end, end: s.end - first.end }));
  }
  const word = /^\s*\/?([\p{L}]+)\b\s?/u.exec(body);
  const typed = word?.[1]?.toLowerCase() ?? '';
  const named = COMMANDS.has(typed);
  // A named command's text starts after its name; a bare subcommand is all of it.
  const cut = named ? word![0].length : body.length - body.trimStart().length;
  const rest = body.slice(cut);
  const trailing = rest.length - rest.trimEnd().length;
  const tokens: MentionToken[] = spans
    .filter((s) => s.start >= cut)
    .flatMap((s): MentionToken[] => {
      const userId = isPerson(s.teamsId) ? userIdOf(s.teamsId) : null;
      return userId
        ? [{ start: s.start - cut, end: s.end - cut, userId, kind: 'person' as const }]
        : isPerson(s.teamsId)
          ? []
          : [
              {
                start: s.start - cut,
                end: s.end - cut,
                userId: `@${s.name}`,
                kind: 'group' as const,
              },
            ];
    });
  return {
    name: named ? typed : 'rapport',
    text: rest.slice(0, rest.length - trailing),
    mentions: tokens,
    channels: [],
  };
}

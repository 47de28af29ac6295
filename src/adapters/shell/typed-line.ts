import type { ChannelToken, CommandInput, MentionToken } from '../../core/conversation/commands';

// In the demo a mention is @handle and the handle is the member's user id; trailing
// punctuation ("@li," or "@sam.") is not part of it.
const MENTION = /@([\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*)/gu;
const CHANNEL = /#([a-z0-9][a-z0-9_-]*)/gi;

/**
 * A typed line as the core reads commands: its name, then the rest with the people and
 * channels the demo's directory knows, as Slack resolves real mentions and leaves typos as
 * words. The slash is optional, as it is on Teams.
 */
export function decodeLine(
  line: string,
  personOf: (handle: string) => string | null,
): { name: string; input: CommandInput } {
  const match = /^\s*\/?(\S+)\s?/u.exec(line);
  const name = (match?.[1] ?? '').toLowerCase();
  const text = line.slice(match?.[0].length ?? 0).replace(/\s+$/, '');
  const mentions: MentionToken[] = [...text.matchAll(MENTION)].flatMap((m) => {
    const userId = personOf(m[1]!);
    return userId
      ? [{ start: m.index, end: m.index + m[0].length, userId, kind: 'person' as const }]
      : [];
  });
  const channels: ChannelToken[] = [...text.matchAll(CHANNEL)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    channelId: m[1]!.toLowerCase(),
  }));
  return { name, input: { name, text, mentions, channels } };
}

/** A mention the adapter found in the typed text: where it is and whom it names. */
export interface MentionToken {
  start: number;
  end: number;
  /** The person's user id; for a group mention (a user group, @here), the group's name. */
  userId: string;
  kind?: 'person' | 'group';
}

export interface ParsedKudosCommand {
  recipientIds: string[];
  /** Groups named as recipients (user groups, @here, @channel): kudos go to people. */
  groupMentions: string[];
  message: string;
}

// Words people put between the names: "@ana, @li and @sam thanks…" (Slack sends & as &amp;).
const JOINERS = /^(?:\s|,|&amp;|&|\+|\band\b|\bund\b|\bet\b|\by\b)*/iu;
// Separators after the names: "@li: thanks"; a colon that opens an emoji code (":tada:") stays.
const SEPARATORS = /^(?:\s|[,;]|:(?![\w+'-]+:))+/u;

/**
 * Splits `/kudos` text into recipients and message. Every mention is a recipient; the run of
 * mentions at the start is the address line and is left out of the message, while mentions
 * inside the sentence stay where the giver wrote them.
 */
export function parseKudosCommand(text: string, mentions: MentionToken[]): ParsedKudosCommand {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const mention of sorted) {
    const gap = text.slice(cursor, mention.start);
    if (gap.replace(JOINERS, '') !== '') break;
    cursor = mention.end;
  }
  const rest = text.slice(cursor);
  const message = rest.replace(SEPARATORS, '').trim();
  const people = sorted.filter((m) => m.kind !== 'group').map((m) => m.userId);
  const groups = sorted.filter((m) => m.kind === 'group').map((m) => m.userId);
  return { recipientIds: [...new Set(people)], groupMentions: [...new Set(groups)], message };
}

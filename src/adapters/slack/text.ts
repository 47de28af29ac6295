import type { MentionToken } from '../../core/domain/mention';

// With "escape channels, users and links" on (see manifest.json), Slack sends mentions as
// <@U123|name>, user groups as <!subteam^S123|@group> and @here as <!here>; a literal <, > or &
// the person typed arrives as &lt;, &gt; or &amp;.
const TOKEN = /<(@[UW][A-Z0-9]{2,}|!subteam\^[A-Z0-9]+|!here|!channel|!everyone)(?:\|([^>]*))?>/g;

export function findSlackMentions(text: string): MentionToken[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const [whole, target = '', label] = m;
    const span = { start: m.index, end: m.index + whole.length };
    if (target.startsWith('@'))
      return { ...span, userId: target.slice(1), kind: 'person' as const };
    // Older payloads label @here as "here"; user groups as "@eng".
    const name = `@${(label ?? target.replace(/^!/, '')).replace(/^@/, '')}`;
    return { ...span, userId: name, kind: 'group' as const };
  });
}

/**
 * Slack's escaped text as plain text to store: entities decoded, group and @here pings turned
 * into plain words so that posting the text again can never ping anyone.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<!(?:subteam\^[A-Z0-9]+\|)?([^>|]*)(?:\|[^>]*)?>/g, (_m, name: string) =>
      name.startsWith('@') ? name : `@${name}`,
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Stored text as mrkdwn, everything literal except: mentions of `people` (the giver and the
 * recipients: every real mention in a kudos is one of them, so a typed "<@U123>" cannot ping
 * anyone else), channel links, and links whose label is their own address (a typed
 * <https://evil.example|click> is shown as typed).
 */
export function toMrkdwn(text: string, people: readonly string[] = []): string {
  const keep =
    /<(?:@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?|#C[A-Z0-9]+(?:\|[^<>]*)?|(https?:\/\/[^\s<>|]+)(?:\|([^<>]*))?)>/g;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(keep)) {
    const [, user, url, label] = m;
    if (user && !people.includes(user)) continue;
    if (url && label !== undefined && !sameAddress(url, label)) continue;
    out += escape(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

// Slack labels the links it makes with their own address: <http://acme.com|acme.com>.
const sameAddress = (url: string, label: string) =>
  [url, url.replace(/^https?:\/\//, '')].some(
    (u) => u.replace(/\/$/, '') === label.replace(/\/$/, ''),
  );

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const mention = (userId: string) => `<@${userId}>`;
export const channelLink = (channelId: string) => `<#${channelId}>`;

import type { ChannelToken, CommandInput, MentionToken } from '../../core/conversation/commands';

// With "escape channels, users and links" on (see manifest.json), Slack sends mentions as
// <@U123|name>, channels as <#C123|name>, user groups as <!subteam^S123|@group>, @here as
// <!here>, links as <https://…|label>; a literal <, > or & the person typed arrives as &lt;,
// &gt; or &amp;.
const TOKEN =
  /<([@#!])([^>|]*)(?:\|([^>]*))?>|<((?:https?|mailto):[^>|]*)(?:\|[^>]*)?>|&(lt|gt|amp);/g;
const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&' };

/**
 * A slash command's text as the core reads it: Slack's markup decoded into plain words
 * ("@name", "#channel", "@here"), with where each person and channel now sits in them.
 */
export function decodeSlackCommand(command: string, escaped: string): CommandInput {
  let text = '';
  let last = 0;
  const mentions: MentionToken[] = [];
  const channels: ChannelToken[] = [];
  for (const m of escaped.matchAll(TOKEN)) {
    text += escaped.slice(last, m.index);
    last = m.index + m[0].length;
    const [, sigil, target = '', label, url, entity] = m;
    if (entity) {
      text += ENTITY[entity]!;
      continue;
    }
    if (url) {
      // A link is its address: a label could say anything.
      text += url;
      continue;
    }
    const start = text.length;
    if (sigil === '@' && /^[UW][A-Z0-9]+$/.test(target)) {
      text += `@${label || target}`;
      mentions.push({ start, end: text.length, userId: target, kind: 'person' });
    } else if (sigil === '#' && /^[CG][A-Z0-9]+$/.test(target)) {
      text += `#${label || target}`;
      channels.push({ start, end: text.length, channelId: target });
    } else if (sigil === '!' && target.startsWith('subteam^')) {
      const name = `@${(label ?? target.slice('subteam^'.length)).replace(/^@/, '')}`;
      text += name;
      mentions.push({ start, end: text.length, userId: name, kind: 'group' });
    } else if (sigil === '!') {
      // @here, @channel, @everyone: plain words the core reads as the room, never a person.
      text += `@${(label ?? target).replace(/^@/, '')}`;
    } else {
      text += label ?? target;
    }
  }
  text += escaped.slice(last);
  return { name: command.replace(/^\//, ''), text, mentions, channels };
}

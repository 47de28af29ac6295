import { Blocks, Message, setIfTruthy } from 'slack-block-builder';
import type { KudosRecord } from '../../../core/ports';
import { channelLink, mention, toMrkdwn } from '../text';

/** Slack refuses a section whose text is longer than this. */
const SECTION_LIMIT = 3000;

const people = (kudos: KudosRecord) => [kudos.giverId, ...kudos.recipientIds];

const quoted = (message: string, kudos: KudosRecord) =>
  toMrkdwn(message, people(kudos))
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

/**
 * The message as a quote under the headline. Escaping can make 1,000 characters several
 * thousand (& becomes &amp;), so a message that would not fit is shortened, never split inside
 * an escape or a mention.
 */
function quoteUnder(headline: string, kudos: KudosRecord): string {
  const fits = (text: string) => headline.length + 1 + text.length <= SECTION_LIMIT;
  const full = quoted(kudos.message, kudos);
  if (fits(full)) return `${headline}\n${full}`;
  const chars = [...kudos.message];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(quoted(`${chars.slice(0, mid).join('')}…`, kudos))) low = mid;
    else high = mid - 1;
  }
  return `${headline}\n${quoted(`${chars.slice(0, low).join('')}…`, kudos)}`;
}

function mentionList(userIds: string[]): string {
  const names = userIds.map(mention);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const valueTags = (values: string[]) => values.map((v) => `#${v}`).join(' ');

/** The public celebration, in the kudos channel or where /kudos was typed. */
export function kudosPost(kudos: KudosRecord) {
  const headline = `:tada: ${mention(kudos.giverId)} gave kudos to ${mentionList(kudos.recipientIds)}`;
  return Message({ text: `${headline}: ${toMrkdwn(kudos.message, people(kudos))}` })
    .blocks(
      Blocks.Section({ text: quoteUnder(headline, kudos) }),
      setIfTruthy(
        kudos.values.length > 0,
        Blocks.Context().elements(`Values: ${valueTags(kudos.values)}`),
      ),
    )
    .buildToObject();
}

/** The note each recipient gets in their DM with Rapport. */
export function kudosDm(kudos: KudosRecord, channelId: string | null) {
  const where = channelId ? ` in ${channelLink(channelId)}` : '';
  const headline = `:tada: ${mention(kudos.giverId)} gave you kudos${where}`;
  return Message({ text: `${headline}: ${toMrkdwn(kudos.message, people(kudos))}` })
    .blocks(
      Blocks.Section({ text: quoteUnder(headline, kudos) }),
      Blocks.Context().elements('Say thanks, or pass it on with `/kudos`.'),
    )
    .buildToObject();
}

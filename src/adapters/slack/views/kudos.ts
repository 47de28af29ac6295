import { Blocks, Message, setIfTruthy } from 'slack-block-builder';
import type { KudosRecord } from '../../../core/ports';
import { channelLink, mention, toMrkdwn } from '../text';

function quote(message: string): string {
  return toMrkdwn(message)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
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
  return Message({ text: `${headline}: ${toMrkdwn(kudos.message)}` })
    .blocks(
      Blocks.Section({ text: `${headline}\n${quote(kudos.message)}` }),
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
  return Message({ text: `${headline}: ${toMrkdwn(kudos.message)}` })
    .blocks(
      Blocks.Section({ text: `${headline}\n${quote(kudos.message)}` }),
      Blocks.Context().elements('Say thanks, or pass it on with `/kudos`.'),
    )
    .buildToObject();
}

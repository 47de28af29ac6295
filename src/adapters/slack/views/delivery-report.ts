import { Blocks, Message } from 'slack-block-builder';
import type { DeliveryTarget } from '../../../core/domain/outbound';
import type { DeliveryReport } from '../../../core/ports';
import { channelLink, mention, toMrkdwn } from '../text';

const KIND_LABELS: Record<string, string> = {
  kudos_prompt: 'kudos prompt',
  kudos_digest: 'kudos digest',
  text: 'message',
};

function to(target: DeliveryTarget): string {
  if (target.type === 'channel') return `in ${channelLink(target.channelId)}`;
  if (target.type === 'member') return `to ${mention(target.userId)}`;
  return `to ${target.userIds.map(mention).join(', ')}`;
}

/** The admin's view of the delivery queue: a week's counts and what failed, with why. */
export function deliveryReportMessage(r: DeliveryReport) {
  const { counts } = r;
  const waiting = counts.pending + counts.sending;
  const summary =
    `*Last 7 days:* ${counts.sent} sent · ${waiting} waiting · ${counts.skipped} skipped ` +
    `(the person had left, paused or opted out) · ${counts.dead} could not be sent`;
  const failures = r.failures.map(
    (f) =>
      `• <!date^${Math.floor(f.at.getTime() / 1000)}^{date_short} {time}|${f.at.toISOString()}> ` +
      `${KIND_LABELS[f.kind] ?? f.kind} ${to(f.target)}: \`${toMrkdwn(f.reason)}\``,
  );
  return Message({ text: 'Rapport deliveries' })
    .blocks(
      Blocks.Section({ text: summary }),
      Blocks.Section({
        text:
          failures.length > 0
            ? `*Could not be sent*\n${failures.join('\n')}`
            : 'Nothing failed. :white_check_mark:',
      }),
    )
    .buildToObject();
}

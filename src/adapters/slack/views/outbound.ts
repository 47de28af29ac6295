import { Blocks, Message, setIfTruthy } from 'slack-block-builder';
import type { KudosDigest } from '../../../core/domain/digest';
import type { OutboundMessage } from '../../../core/domain/outbound';
import { mention, toMrkdwn } from '../text';
import { followupReminder } from './followups';
import {
  introMutualRequest,
  introOpened,
  introRequest,
  weeklyNetwork,
  welcomeMessage,
} from './network';
import { roundCheckin, roundIntro, roundPaused, roundSatOut, roundSummary } from './rounds';

const CELEBRATED_SHOWN = 10;

function promptMessage(values: string[]) {
  const text = ':raised_hands: *Who helped you this week?* Thank them where everyone can see it.';
  return Message({ text: 'Who helped you this week?' })
    .blocks(
      Blocks.Section({ text }),
      Blocks.Context().elements(
        `\`/kudos @name thanks for … #value\` · values: ${toMrkdwn(values.map((v) => `#${v}`).join(' '))}`,
      ),
    )
    .buildToObject();
}

const plural = (n: number, one: string, many = one) => `${n} ${n === 1 ? one : many}`;

function digestMessage(d: KudosDigest) {
  const headline = `:sparkles: *This week in kudos:* ${plural(d.kudosCount, 'kudos')} from ${plural(d.givers, 'person', 'people')}`;
  const people = d.celebrated
    .slice(0, CELEBRATED_SHOWN)
    .map((c) => `${mention(c.userId)}${c.count > 1 ? ` ×${c.count}` : ''}`)
    .join(', ');
  const more = d.celebrated.length - CELEBRATED_SHOWN;
  const values = d.values.map((v) => `#${toMrkdwn(v.value)} ×${v.count}`).join(' · ');
  const flows = d.departmentThanks
    .slice(0, 5)
    .map((f) => `${toMrkdwn(f.from)} → ${toMrkdwn(f.to)} ×${f.count}`)
    .join('\n');
  return Message({ text: `This week in kudos: ${plural(d.kudosCount, 'kudos')}` })
    .blocks(
      Blocks.Section({ text: headline }),
      Blocks.Section({
        text: `*Celebrated:* ${people}${more > 0 ? ` and ${more} more` : ''}`,
      }),
      setIfTruthy(values !== '', Blocks.Section({ text: `*Values:* ${values}` })),
      setIfTruthy(flows !== '', Blocks.Section({ text: `*Thanks across departments*\n${flows}` })),
    )
    .buildToObject();
}

/** A queued message as Slack shows it. */
export function renderOutbound(message: OutboundMessage): { text: string; blocks?: unknown[] } {
  switch (message.kind) {
    case 'kudos_prompt':
      return promptMessage(message.values);
    case 'kudos_digest':
      return digestMessage(message.digest);
    case 'round_summary':
      return roundSummary(message);
    case 'round_intro':
      return roundIntro(message);
    case 'round_checkin':
      return roundCheckin(message);
    case 'round_sat_out':
      return roundSatOut(message);
    case 'round_paused':
      return roundPaused(message);
    case 'followup_reminder':
      return followupReminder(message);
    case 'weekly_network':
      return weeklyNetwork(message);
    case 'intro_request':
      return introRequest(message);
    case 'intro_mutual_request':
      return introMutualRequest(message);
    case 'intro_opened':
      return introOpened(message);
    case 'welcome':
      return welcomeMessage(message);
    case 'text':
      return { text: toMrkdwn(message.text) };
  }
}

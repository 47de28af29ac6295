import { Blocks, Elements, Message, setIfTruthy } from 'slack-block-builder';
import type { OutboundMessage } from '../../../core/domain/outbound';
import { channelLink, mention, toMrkdwn } from '../text';

export const ROUND_JOIN = 'round_join';
export const CHECKIN = { met: 'checkin_met', not_yet: 'checkin_not_yet', skip: 'checkin_skip' };

type Of<K extends OutboundMessage['kind']> = Extract<OutboundMessage, { kind: K }>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** A time Slack shows in each reader's own timezone, with UTC for clients that cannot. */
const localTime = (iso: string) =>
  `<!date^${Math.floor(Date.parse(iso) / 1000)}^{time}|${iso.slice(11, 16)} UTC>`;

export function roundSummary(m: Of<'round_summary'>) {
  const headline =
    m.groups === 0
      ? `:coffee: No intros this round: not enough people have joined ${channelLink(m.channelId)} yet.`
      : `:coffee: *This round's intros are out:* ${plural(m.people, 'person', 'people')} in ` +
        `${plural(m.groups, 'group', 'groups')}, ${m.crossDepartment} across departments, ` +
        `from ${plural(m.departments, 'department', 'departments')}. Check your DMs!`;
  return Message({ text: 'This round’s intros are out' })
    .blocks(
      Blocks.Section({ text: headline }),
      setIfTruthy(
        m.optIn,
        Blocks.Section({
          text: 'Want to meet someone from another department next round?',
        }).accessory(
          Elements.Button({
            text: 'Join',
            actionId: ROUND_JOIN,
            value: m.roundChannelId,
          }).primary(),
        ),
      ),
      Blocks.Context().elements(
        'Pause with `/rapport pause 2w`, skip one with `/rapport skip`, leave with `/rapport leave`.',
      ),
    )
    .buildToObject();
}

export function roundIntro(m: Of<'round_intro'>) {
  const people = m.members
    .map((p) => {
      const about = [p.title, p.department].filter(Boolean).map((t) => toMrkdwn(t!));
      return `• ${mention(p.userId)}${about.length ? ` — ${about.join(', ')}` : ''}`;
    })
    .join('\n');
  const hours = m.sharedHours
    ? `You are all at work between ${localTime(m.sharedHours.start)} and ${localTime(m.sharedHours.end)} (your time).`
    : 'Your working hours do not overlap much: an async voice note works too.';
  return Message({ text: 'Meet each other!' })
    .blocks(
      Blocks.Section({
        text: `:wave: *Meet each other!* You're this round's group from ${channelLink(m.channelId)}, from different corners of the company:\n${people}`,
      }),
      Blocks.Section({ text: `*To start:* ${toMrkdwn(m.starter)}` }),
      Blocks.Context().elements(`Find 30 minutes in the next few days. ${hours}`),
    )
    .buildToObject();
}

export function roundCheckin(m: Of<'round_checkin'>) {
  return Message({ text: 'Did you get a chance to meet?' })
    .blocks(
      Blocks.Section({ text: ':wave: *Did you get a chance to meet?*' }),
      Blocks.Actions().elements(
        Elements.Button({ text: 'We met', actionId: CHECKIN.met, value: m.groupId }).primary(),
        Elements.Button({ text: 'Not yet', actionId: CHECKIN.not_yet, value: m.groupId }),
        Elements.Button({ text: 'Skip this one', actionId: CHECKIN.skip, value: m.groupId }),
      ),
    )
    .buildToObject();
}

export function roundSatOut(m: Of<'round_sat_out'>) {
  const text =
    m.reason === 'alone'
      ? `You were the only one in ${channelLink(m.channelId)}'s round this time, so there was nobody to meet. Invite a colleague to join!`
      : `There was an odd number of people in ${channelLink(m.channelId)} this round, so you sit this one out. You're first in line next time.`;
  return { text };
}

export function roundPaused(m: Of<'round_paused'>) {
  return {
    text:
      `You haven't answered the last ${m.quietRounds} check-ins in ${channelLink(m.channelId)}, ` +
      `so I've paused your intros there. Type \`/rapport join ${channelLink(m.channelId)}\` whenever you'd like to meet people again.`,
  };
}

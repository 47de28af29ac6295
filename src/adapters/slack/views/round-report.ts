import { Blocks, Elements, Message } from 'slack-block-builder';
import type { RoundChannel } from '../../../core/domain/rounds';
import type { RoundReport } from '../../../core/use-cases/round-admin';
import { channelLink, mention } from '../text';
import { WEEKDAYS } from './habit-inputs';

export const ADD_ROUND = 'round_add';
export const EDIT_ROUND = 'round_edit';

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
const every = (weeks: number) => (weeks === 1 ? 'Every week' : `Every ${weeks} weeks`);

/** A round channel's settings in one line. */
export function roundLine(c: RoundChannel): string {
  return (
    `${channelLink(c.channelId)}: ${c.enabled ? '' : '_(off)_ '}${every(c.everyWeeks)}, ` +
    `${WEEKDAYS[c.weekday - 1]} ${hour(c.hour)}${c.timezone ? ` ${c.timezone}` : ''}, ` +
    `groups of ${c.groupSize}, ${c.participation === 'channel' ? 'everyone in the channel' : 'people who join'}`
  );
}

/** The round channels as blocks for the admin's settings form: one "Change" button each. */
export function roundSettingsBlocks(channels: RoundChannel[]) {
  return [
    Blocks.Divider(),
    Blocks.Section({
      text:
        channels.length > 0
          ? '*Intro rounds*: each channel’s members meet someone from another department.'
          : '*Intro rounds*: none yet. Add a channel whose members meet someone from another department.',
    }).accessory(Elements.Button({ text: 'Add a round', actionId: ADD_ROUND })),
    ...channels
      .slice(0, 20)
      .map((c) =>
        Blocks.Section({ text: roundLine(c) }).accessory(
          Elements.Button({ text: 'Change', actionId: EDIT_ROUND, value: c.channelId }),
        ),
      ),
  ];
}

/** The workspace's round channels, for an admin, with a way to add one. */
export function roundListMessage(channels: RoundChannel[]) {
  const lines = channels.map((c) => `• ${roundLine(c)}`);
  return Message({ text: 'Intro rounds' })
    .blocks(
      Blocks.Section({
        text:
          lines.length > 0
            ? `*Intro rounds*\n${lines.join('\n')}\nChange one with \`/rapport rounds #channel\`.`
            : '*No intro rounds yet.* Add a channel whose members meet someone from another department every week.',
      }).accessory(Elements.Button({ text: 'Add a round', actionId: ADD_ROUND }).primary()),
    )
    .buildToObject();
}

const TOLD: Record<string, string> = {
  sent: 'told',
  pending: 'not told yet',
  sending: 'being told',
  skipped: 'not told',
  dead: 'could not be told',
};
const MET: Record<string, string> = {
  met: ':white_check_mark: met',
  not_yet: ':hourglass: not yet',
  skip: ':fast_forward: skipped',
};
const ABSENT: Record<string, string> = {
  odd_one_out: 'odd one out (first in line next time)',
  alone: 'the only one this round',
  paused: 'paused',
  opted_out: 'opted out of Rapport',
  skipping: 'skipped this round',
  deactivated: 'deactivated',
};

/** The latest round's record: who was matched, who was told, who met, who sat out and why. */
export function roundReportMessage(r: RoundReport) {
  const { round } = r;
  if (!round) return { text: `${channelLink(r.channel.channelId)} has not had a round yet.` };
  const groups = round.groups.map((g) => {
    const told = r.told.get(g.position);
    const state = told?.intro ? TOLD[told.intro] : 'not queued';
    const why = told?.reason ? ` (${told.reason})` : '';
    const answers = g.members.filter((m) => m.response).length;
    const met = g.outcome ? MET[g.outcome] : answers === 0 ? 'no answer yet' : '';
    return `${g.position + 1}. ${g.members.map((m) => mention(m.userId)).join(', ')}: ${state}${why}; ${met}`;
  });
  const away = round.absences.map((a) => `• ${mention(a.userId)}: ${ABSENT[a.reason] ?? a.reason}`);
  const date = `<!date^${Math.floor(round.slot.getTime() / 1000)}^{date_short} {time}|${round.slot.toISOString()}>`;
  return Message({ text: 'Latest round' })
    .blocks(
      Blocks.Section({
        text: `*Round of ${date} in ${channelLink(r.channel.channelId)}:* ${round.groups.length} groups`,
      }),
      Blocks.Section({ text: groups.length > 0 ? groups.join('\n') : '_No groups._' }),
      Blocks.Section({
        text: away.length > 0 ? `*Not in a group*\n${away.join('\n')}` : 'Everyone was in a group.',
      }),
    )
    .buildToObject();
}

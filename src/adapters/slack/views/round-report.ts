import { Blocks, Elements, Message, setIfTruthy } from 'slack-block-builder';
import type { RoundChannel } from '../../../core/domain/rounds';
import type { GroupReport, RoundReport } from '../../../core/use-cases/round-admin';
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

/** Groups a page shows; a round of 10,000 people is 5,000 groups. */
export const GROUPS_PER_PAGE = 60;
const ABSENCES_SHOWN = 40;
/** Slack refuses a section over 3,000 characters. */
const SECTION_LIMIT = 2900;

function groupLine(g: GroupReport): string {
  const state = g.intro ? TOLD[g.intro] : 'not queued';
  const why = g.reason ? ` (${g.reason})` : '';
  const without = g.leftOut.length
    ? ` (without ${g.leftOut.map(mention).join(', ')}, who could no longer be reached)`
    : '';
  const met = g.outcome ? MET[g.outcome] : g.answers === 0 ? 'no answer yet' : '';
  return `${g.position + 1}. ${g.members.map(mention).join(', ')}: ${state}${why}${without}; ${met}`;
}

/** Lines packed into as few sections as Slack allows. */
function sections(lines: string[]) {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= SECTION_LIMIT)
      texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line.slice(0, SECTION_LIMIT));
  }
  return texts.map((text) => Blocks.Section({ text }));
}

/**
 * The latest round's record: who was matched, who was told, who met, who sat out and why.
 * Groups that were not told come first; a big round is read a page at a time.
 */
export function roundReportMessage(r: RoundReport, page = 1) {
  const { round, totals } = r;
  const where = channelLink(r.channel.channelId);
  if (!round) return { text: `${where} has not had a round yet.` };
  const ordered = [...r.groups].sort(
    (a, b) =>
      Number(b.intro === 'skipped' || b.intro === 'dead') -
        Number(a.intro === 'skipped' || a.intro === 'dead') || a.position - b.position,
  );
  const pages = Math.max(1, Math.ceil(ordered.length / GROUPS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const shown = ordered.slice((current - 1) * GROUPS_PER_PAGE, current * GROUPS_PER_PAGE);

  const date = `<!date^${Math.floor(round.slot.getTime() / 1000)}^{date_short} {time}|${round.slot.toISOString()}>`;
  const summary =
    `*Round of ${date} in ${where}:* ${totals.people} people in ${totals.groups} groups. ` +
    `Told: ${totals.told}${totals.notTold ? `, not told: ${totals.notTold}` : ''}. ` +
    `Met: ${totals.met}, not yet: ${totals.notYet}, skipped: ${totals.skipped}, no answer: ${totals.noAnswer}.`;
  const reasons = new Map<string, number>();
  for (const a of round.absences) reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + 1);
  const away = round.absences
    .slice(0, ABSENCES_SHOWN)
    .map((a) => `• ${mention(a.userId)}: ${ABSENT[a.reason] ?? a.reason}`);
  const moreAway = round.absences.length - away.length;
  const absences =
    round.absences.length === 0
      ? 'Everyone was in a group.'
      : `*Not in a group:* ${[...reasons].map(([reason, n]) => `${n} ${ABSENT[reason] ?? reason}`).join(', ')}\n` +
        `${away.join('\n')}${moreAway > 0 ? `\n…and ${moreAway} more.` : ''}`;
  const next =
    pages > 1
      ? `Groups ${(current - 1) * GROUPS_PER_PAGE + 1}–${(current - 1) * GROUPS_PER_PAGE + shown.length} of ${ordered.length}, page ${current} of ${pages}` +
        (current < pages ? `. Next: /rapport round ${where} ${current + 1}` : '.')
      : null;
  return Message({ text: 'Latest round' })
    .blocks(
      Blocks.Section({ text: summary }),
      ...(shown.length > 0
        ? sections(shown.map(groupLine))
        : [Blocks.Section({ text: '_No groups._' })]),
      setIfTruthy(next !== null, Blocks.Context().elements(next ?? '')),
      Blocks.Section({ text: absences.slice(0, SECTION_LIMIT) }),
    )
    .buildToObject();
}

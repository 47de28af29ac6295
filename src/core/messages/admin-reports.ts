import { card, context, section, type Block, type Card } from '../conversation/card';
import { bold, br, channel, command, date, joined, text, type Text } from '../conversation/text';
import type { DeliveryTarget, OutboundMessage } from '../domain/outbound';
import type { RoundChannel } from '../domain/rounds';
import type { DeliveryReport, RoundRecord, WorkspaceSettings } from '../ports';
import type { GroupReport, RoundReport } from '../use-cases/round-admin';
import { roundLine, WEEKDAYS } from './admin-forms';
import { person, type Names } from './people';

/** The workspace's round channels, for an admin, with a way to add one. */
export function roundListCard(channels: RoundChannel[]): Card {
  return card(
    'Intro rounds',
    section(
      channels.length > 0
        ? text(
            bold('Intro rounds'),
            ...channels.flatMap((c) => [br, text('• '), roundLine(c)]).flat(),
            br,
            'Change one with ',
            command('/rapport rounds #channel'),
            '.',
          )
        : text(
            bold('No intro rounds yet.'),
            ' Add a channel whose members meet someone from another department every week.',
          ),
      { label: 'Add a round', action: 'round_add', style: 'primary' },
    ),
  );
}

export const roundSaved = (channelId: string): Text =>
  text('Saved the intro round in ', channel(channelId), '.');

const TOLD: Record<string, string> = {
  sent: 'told',
  pending: 'not told yet',
  sending: 'being told',
  skipped: 'not told',
  dead: 'could not be told',
};
const MET: Record<string, string> = {
  met: '✅ met',
  not_yet: '⏳ not yet',
  skip: '⏩ skipped',
};
export const ABSENT: Record<string, string> = {
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
/** Lines per paragraph, so that every platform's paragraph limit holds. */
const LINES_PER_SECTION = 20;

function groupLine(g: GroupReport, names: Names): Text {
  const state = g.intro ? TOLD[g.intro] : 'not queued';
  const met = g.outcome ? MET[g.outcome] : g.answers === 0 ? 'no answer yet' : '';
  return text(
    `${g.position + 1}. `,
    joined(
      g.members.map((m) => [person(names, m)]),
      ', ',
    ),
    `: ${state}`,
    g.reason && ` (${g.reason})`,
    g.leftOut.length > 0 &&
      text(
        ' (without ',
        joined(
          g.leftOut.map((m) => [person(names, m)]),
          ', ',
        ),
        ', who could no longer be reached)',
      ),
    `; ${met}`,
  );
}

function paragraphs(lines: Text[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION)
    blocks.push(section(joined(lines.slice(i, i + LINES_PER_SECTION), '\n')));
  return blocks;
}

/** How many department pairs a round linked, of the most it could; none for older rounds. */
export function departmentPairsLine(
  round: Pick<RoundRecord, 'departmentPairs' | 'departmentPairsBound'>,
): Text | null {
  const { departmentPairs: linked, departmentPairsBound: bound } = round;
  if (linked === null || bound === null) return null;
  return text(`Department pairs linked: ${linked} of a possible ${bound}.`);
}

/**
 * The latest round's record: who was matched, who was told, who met, who sat out and why.
 * Groups that were not told come first; a big round is read a page at a time.
 */
export function roundReportCard(r: RoundReport, page: number, names: Names, zone: string): Card {
  const { round, totals } = r;
  const where = channel(r.channel.channelId);
  if (!round) return card('No round yet', section(text(where, ' has not had a round yet.')));
  const ordered = [...r.groups].sort(
    (a, b) =>
      Number(b.intro === 'skipped' || b.intro === 'dead') -
        Number(a.intro === 'skipped' || a.intro === 'dead') || a.position - b.position,
  );
  const pages = Math.max(1, Math.ceil(ordered.length / GROUPS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const first = (current - 1) * GROUPS_PER_PAGE;
  const shown = ordered.slice(first, first + GROUPS_PER_PAGE);
  const pairs = departmentPairsLine(round);
  const summary = text(
    bold('Round of '),
    date(round.slot, zone, 'moment'),
    bold(' in '),
    where,
    bold(':'),
    ` ${totals.people} people in ${totals.groups} groups. ` +
      `Told: ${totals.told}${totals.notTold ? `, not told: ${totals.notTold}` : ''}. ` +
      `Met: ${totals.met}, not yet: ${totals.notYet}, skipped: ${totals.skipped}, no answer: ${totals.noAnswer}.`,
    pairs && text(br, pairs),
  );
  const reasons = new Map<string, number>();
  for (const a of round.absences) reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + 1);
  const away = round.absences
    .slice(0, ABSENCES_SHOWN)
    .map((a) => text('• ', person(names, a.userId), `: ${ABSENT[a.reason] ?? a.reason}`));
  const moreAway = round.absences.length - away.length;
  const absences =
    round.absences.length === 0
      ? text('Everyone was in a group.')
      : text(
          bold('Not in a group:'),
          ` ${[...reasons].map(([reason, n]) => `${n} ${ABSENT[reason] ?? reason}`).join(', ')}`,
          ...away.flatMap((a) => [br, ...a]),
          moreAway > 0 && `\n…and ${moreAway} more.`,
        );
  const next =
    pages > 1 &&
    text(
      `Groups ${first + 1}–${first + shown.length} of ${ordered.length}, page ${current} of ${pages}`,
      current < pages
        ? // The channel as a channel, so that it reads (and is typed) as its name, not its id.
          text('. Next: ', command('/rapport round'), ' ', where, ' ', command(String(current + 1)))
        : '.',
    );
  return card(
    'Latest round',
    section(summary),
    ...(shown.length > 0
      ? paragraphs(shown.map((g) => groupLine(g, names)))
      : [section(text('No groups.'))]),
    next && context(next),
    section(absences),
  );
}

const KIND_LABELS: Partial<Record<OutboundMessage['kind'], string>> = {
  kudos_prompt: 'kudos prompt',
  kudos_digest: 'kudos digest',
  kudos_received: 'kudos note',
  kudos_post: 'kudos post',
  text: 'message',
};

function to(target: DeliveryTarget, names: Names): Text {
  if (target.type === 'channel') return text('in ', channel(target.channelId));
  if (target.type === 'member') return text('to ', person(names, target.userId));
  return text(
    'to ',
    joined(
      target.userIds.map((id) => [person(names, id)]),
      ', ',
    ),
  );
}

/** The admin's view of the delivery queue: a week's counts and what failed, with why. */
export function deliveryReportCard(r: DeliveryReport, names: Names, zone: string): Card {
  const { counts } = r;
  const waiting = counts.pending + counts.sending;
  const failures = r.failures.map((f) =>
    text(
      '• ',
      date(f.at, zone, 'short'),
      ` ${KIND_LABELS[f.kind] ?? f.kind.replace(/_/g, ' ')} `,
      to(f.target, names),
      `: ${f.reason}`,
    ),
  );
  return card(
    'Rapport deliveries',
    section(
      text(
        bold('Last 7 days:'),
        ` ${counts.sent} sent · ${waiting} waiting · ${counts.skipped} skipped (the person had left, paused or opted out) · ${counts.dead} could not be sent`,
      ),
    ),
    section(
      failures.length > 0
        ? text(bold('Could not be sent'), ...failures.flatMap((f) => [br, ...f]))
        : text('Nothing failed. ✅'),
    ),
  );
}

const when = (h: WorkspaceSettings['kudosPrompt']) =>
  h.enabled ? `${WEEKDAYS[h.weekday - 1]}s at ${String(h.hour).padStart(2, '0')}:00` : 'off';

/** The settings in a sentence or two, as the admin's confirmation says them. */
export function settingsSaved(s: WorkspaceSettings): Text {
  const zone = s.timezoneChosen ? s.timezone : `${s.timezone}, where most members are`;
  return text(
    'Saved. Kudos are celebrated in ',
    s.kudosChannelId ? channel(s.kudosChannelId) : 'the channel where /kudos is typed',
    `; each person may thank ${s.dailyKudosLimit} people a day; values: ${s.kudosValues.map((v) => `#${v}`).join(' ')}.`,
    `\nWeekly prompt: ${when(s.kudosPrompt)}; weekly digest: ${when(s.kudosDigest)} (${zone}).\n`,
    `Follow-ups after a round: ${s.followupAfterMetDays > 0 ? `${s.followupAfterMetDays} days after “we met”` : 'off'}; `,
    `welcome for new members: ${s.welcome.enabled ? `${s.welcome.delayDays} days after they join` : 'off'}. `,
    `Who met whom, and rounds' history, are kept ${s.historyDays} days. `,
    `Insights show departments of ${s.minDepartmentSize} people or more on their own.`,
  );
}

export const noRoundsYet = (): Text =>
  text('There are no rounds yet. Set one up with ', command('/rapport rounds'), '.');
export const whichRound = (example: string): Text =>
  text('Which round? Name its channel, for example: ', command(`/rapport round ${example}`));

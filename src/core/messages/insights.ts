import { card, context, header, section, type Block, type Card } from '../conversation/card';
import { bold, br, channel, command, date, joined, text, type Text } from '../conversation/text';
import {
  INSIGHT_WEEKS,
  SMALL_DEPARTMENTS,
  type Insights,
  type InsightsHeadline,
  type RoundParticipation,
  type Share,
} from '../domain/insights';
import { count } from './common';
import { person, type Names } from './people';

/** Past this many, the card counts the rest: a list an admin can read through, no more. */
const PAIRS_SHOWN = 20;
const NAMES_SHOWN = 40;
/** Weeks of trend a card shows per channel; the CSV has every one. */
const WEEKS_SHOWN = 12;

const percent = (s: Share) => (s.of === 0 ? 'none' : `${Math.round((100 * s.with) / s.of)}%`);
const ofMembers = (s: Share) => `${s.with} of ${s.of} (${percent(s)})`;
const weeksWords = (weeks: number) => (weeks === 52 ? 'year' : `${weeks} weeks`);

export const insightsTitle = (i: Pick<Insights, 'weeks'>) =>
  `Insights for the last ${weeksWords(i.weeks)}`;
export const heatmapTitle = (i: Pick<Insights, 'weeks'>) =>
  `Relationships between departments, last ${weeksWords(i.weeks)}`;

function crossLine(i: Insights): Text {
  const { start, end } = i.crossShare;
  return text(
    `${ofMembers(end)} members with a department have a relationship in another one`,
    start.with === end.with ? ', as at the start.' : `, against ${start.with} at the start.`,
    i.withoutDepartment > 0 &&
      ` ${i.withoutDepartment} ${i.withoutDepartment === 1 ? 'member has' : 'members have'} no department yet and ${i.withoutDepartment === 1 ? 'is' : 'are'} not counted.`,
  );
}

function unlinkedLine(i: Insights): Text {
  if (i.departments.length < 2) return text('There is only one department to compare so far.');
  if (i.unlinked.length === 0)
    return text('Every department is linked to every other one in this period.');
  const shown = i.unlinked.slice(0, PAIRS_SHOWN).map(([a, b]) => `${a} and ${b}`);
  const more = i.unlinked.length - shown.length;
  return text(
    bold(
      `${count(i.unlinked.length, 'department pair', 'department pairs')} had no relationship: `,
    ),
    shown.join('; '),
    more > 0 ? `; and ${more} more.` : '.',
  );
}

function mergedNote(i: Insights): Block[] {
  const small = i.departments.find((d) => d.merged !== null);
  return small
    ? [
        context(
          text(
            `Departments with fewer than ${i.minDepartmentSize} members are shown together as “${SMALL_DEPARTMENTS}” (${small.merged} departments), so that no one's contacts can be told apart. Change the size in `,
            command('/rapport admin'),
            '.',
          ),
        ),
      ]
    : [];
}

function roundBlocks(rounds: RoundParticipation[], zone: string): Block[] {
  if (rounds.length === 0) return [section(text(bold('Intro rounds'), br, 'No rounds ran.'))];
  return rounds.map((r) => {
    const t = r.totals;
    const weeks = r.weeks.slice(-WEEKS_SHOWN);
    return section(
      text(
        bold('Intro rounds in '),
        channel(r.channelId),
        br,
        `${t.matched} matched, ${t.told} told, ${t.met} met, ${t.satOut} sat out, ${t.paused} paused.`,
        ...weeks.flatMap((w) => [
          br,
          '• ',
          date(w.slot, zone, 'day'),
          `: ${w.matched} matched, ${w.told} told, ${w.met} met, ${w.satOut} sat out, ${w.paused} paused`,
        ]),
      ),
    );
  });
}

function kudosBlock(i: Insights): Block {
  const k = i.kudos;
  if (k.total === 0) return section(text(bold('Kudos'), br, 'No kudos were given.'));
  return section(
    text(
      bold('Kudos'),
      br,
      `${k.total} given; ${percent(k.crossing)} of thanks crossed departments (${k.crossing.with} of ${k.crossing.of}).`,
      k.byValue.length > 0 &&
        text(br, 'By value: ', k.byValue.map((v) => `${v.value} ${v.count}`).join(' · ')),
      ...k.byDepartment.flatMap((d) => [
        br,
        `• ${d.department}: gave ${d.given}, received ${d.received}`,
      ]),
    ),
  );
}

function isolatedBlock(i: Insights, names: Names): Block {
  if (i.isolated.length === 0)
    return section(
      text(
        bold('No contact outside their department'),
        br,
        'Everyone with a department has a relationship in another one.',
      ),
    );
  const shown = i.isolated.slice(0, NAMES_SHOWN);
  const more = i.isolated.length - shown.length;
  return section(
    text(
      bold(`No contact outside their department: ${i.isolated.length}`),
      br,
      joined(
        shown.map((id) => [person(names, id)]),
        ', ',
      ),
      more > 0 && ` and ${more} more`,
      '. Invite them to an intro round: ',
      command('/rapport rounds'),
      '.',
    ),
  );
}

const otherPeriods = () =>
  text(
    'Look back over ',
    joined(
      INSIGHT_WEEKS.map((w) => [command(`/rapport insights ${w}w`)]),
      ', ',
    ),
    '. The CSV files with this message hold the same numbers and name no one.',
  );

/**
 * An admin's insights: rounds, how departments are linked (the heatmap, by its file), kudos,
 * and who has no contact elsewhere. Names appear only in that last list; pairs never do.
 */
export function insightsCard(
  i: Insights,
  names: Names,
  heatmapFile: string | null,
  zone: string,
): Card {
  return card(
    insightsTitle(i),
    header(insightsTitle(i)),
    context(text(date(i.from, zone, 'day'), ' to ', date(i.to, zone, 'day'), '.')),
    section(text(bold('Across departments'), br, crossLine(i))),
    ...(heatmapFile ? [{ type: 'image' as const, file: heatmapFile, alt: heatmapTitle(i) }] : []),
    section(unlinkedLine(i)),
    ...mergedNote(i),
    ...roundBlocks(i.rounds, zone),
    kudosBlock(i),
    isolatedBlock(i, names),
    context(otherPeriods()),
  );
}

/** The admin's Home: the headline numbers only, no names, as last worked out; where the rest is. */
export function insightsSummary(
  kept: { headline: InsightsHeadline; computedAt: Date } | null | undefined,
  zone: string,
): Block[] {
  if (!kept)
    return [
      context(
        text(
          'The workspace figures are worked out every hour and show here once ready; ',
          command('/rapport insights'),
          ' has them now.',
        ),
      ),
    ];
  const i = kept.headline;
  return [
    section(
      text(
        bold(insightsTitle(i)),
        br,
        `Members with a relationship in another department: ${ofMembers(i.crossShare.end)}, against ${i.crossShare.start.with} at the start.`,
        br,
        i.departmentPairs > 0 &&
          text(`Department pairs linked: ${i.linkedPairs} of ${i.departmentPairs}.`, br),
        `Members with no contact outside their department: ${i.isolated}.`,
        br,
        `Kudos given: ${i.kudos.total}, ${percent(i.kudos.crossing)} of thanks across departments.`,
      ),
    ),
    context(
      text(
        'As of ',
        date(kept.computedAt, zone, 'moment'),
        '. The heatmap, each round and the CSV files: ',
        command('/rapport insights'),
        '.',
      ),
    ),
  ];
}

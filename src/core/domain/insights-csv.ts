/**
 * /rapport insights as CSV files an admin can open in a spreadsheet. Counts only: the names of
 * isolated people stay in the chat, since a file is easily forwarded beyond the admins.
 */
import { DateTime } from 'luxon';
import type { ReplyFile } from '../conversation/card';
import { toCsv, type CsvField } from './csv';
import type { Insights, Share } from './insights';

const CSV = 'text/csv; charset=utf-8';

/** The name of one of an insights' files: the period in it, so two periods do not collide. */
export function insightsFilename(insights: Insights, what: string, extension: string): string {
  return `rapport-insights-${insights.weeks}w-${what}.${extension}`;
}

const day = (date: Date, zone: string) =>
  DateTime.fromJSDate(date, { zone }).toISODate() ?? date.toISOString().slice(0, 10);
// A share as a percentage with one decimal; empty when there is no one to share among.
const percent = (s: Share): CsvField => (s.of > 0 ? Math.round((s.with / s.of) * 1000) / 10 : '');

function file(insights: Insights, what: string, title: string, rows: CsvField[][]): ReplyFile {
  return {
    filename: insightsFilename(insights, what, 'csv'),
    title,
    mimeType: CSV,
    content: toCsv(rows),
  };
}

function matrixRows(insights: Insights, matrix: number[][]): CsvField[][] {
  const { departments } = insights;
  return [
    ['department', 'members', ...departments.map((d) => d.name)],
    ...departments.map((d, i) => [d.name, d.members, ...(matrix[i] ?? [])]),
  ];
}

function roundRows(insights: Insights, names: ReadonlyMap<string, string>, zone: string) {
  const header = ['channel', 'week', 'matched', 'told', 'met', 'sat out', 'paused'];
  return [
    header,
    ...insights.rounds.flatMap((r) =>
      r.weeks.map((w) => [
        names.get(r.channelId) ?? r.channelId,
        day(w.slot, zone),
        w.matched,
        w.told,
        w.met,
        w.satOut,
        w.paused,
      ]),
    ),
  ];
}

/** One tidy table: what the count is broken down by, the value or department, the count. */
function kudosRows(insights: Insights): CsvField[][] {
  const { byValue, byDepartment } = insights.kudos;
  return [
    ['breakdown', 'name', 'count'],
    ...byValue.map((v) => ['kudos by value', v.value, v.count]),
    ...byDepartment.map((d) => ['kudos given by department', d.department, d.given]),
    ...byDepartment.map((d) => ['thanks received by department', d.department, d.received]),
  ];
}

function summaryRows(insights: Insights, zone: string): CsvField[][] {
  const { crossShare, kudos } = insights;
  return [
    ['measure', 'value'],
    ['period from', day(insights.from, zone)],
    ['period to', day(insights.to, zone)],
    ['weeks', insights.weeks],
    ['members', insights.members],
    ['members without a department', insights.withoutDepartment],
    ['smallest department shown on its own', insights.minDepartmentSize],
    ['departments shown', insights.departments.length],
    ['department pairs with no link', insights.unlinked.length],
    ['members with a cross-department relationship at start', crossShare.start.with],
    ['members counted at start', crossShare.start.of],
    ['cross-department share at start (%)', percent(crossShare.start)],
    ['members with a cross-department relationship at end', crossShare.end.with],
    ['members counted at end', crossShare.end.of],
    ['cross-department share at end (%)', percent(crossShare.end)],
    ['members with no cross-department relationship', insights.isolated.length],
    ['kudos given', kudos.total],
    ['thanks with both departments known', kudos.crossing.of],
    ['thanks across departments', kudos.crossing.with],
    ['thanks across departments (%)', percent(kudos.crossing)],
  ];
}

/**
 * The insights as CSV files: the department matrix (all relationships, and meaningful ones),
 * each round channel's weeks, kudos, and a summary. `names` gives round channels' names by id
 * (an unnamed channel is written by id); dates are days in `zone`, the workspace's timezone.
 */
export function insightsCsv(
  insights: Insights,
  names: ReadonlyMap<string, string>,
  zone = 'UTC',
): ReplyFile[] {
  const { all, meaningful } = insights.matrix;
  return [
    file(insights, 'summary', 'Insights summary', summaryRows(insights, zone)),
    file(insights, 'departments-all', 'Links between departments', matrixRows(insights, all)),
    file(
      insights,
      'departments-meaningful',
      'Meaningful links between departments',
      matrixRows(insights, meaningful),
    ),
    file(insights, 'rounds', 'Rounds week by week', roundRows(insights, names, zone)),
    file(insights, 'kudos', 'Kudos by value and department', kudosRows(insights)),
  ];
}

import {
  SMALL_DEPARTMENTS,
  type InsightDepartment,
  type Insights,
  type InsightWeeks,
  type RoundParticipation,
  type RoundWeek,
  type Share,
} from './insights';

/*
 * What the database counts for insights, by real department, and the rules that turn it into
 * what an admin reads. "Counted" members are people in the picture today: not bots, not
 * deactivated, not opted out, and not from another organisation (guests). Departments are
 * today's, for every figure, whenever the interaction or kudos happened.
 */

/** Counted members of one real department. */
export interface DepartmentSize {
  id: string;
  name: string;
  members: number;
}

/**
 * Relationships between two different real departments: unordered pairs of counted members
 * that interacted in the period; meaningful when the pair's strength at the period's end is.
 */
export interface DepartmentLink {
  a: string;
  b: string;
  all: number;
  meaningful: number;
}

export interface DepartmentFigures {
  members: number;
  withoutDepartment: number;
  departments: DepartmentSize[];
}

/** Counted members with a department, and those with a cross-department relationship. */
export interface ReachFigures {
  of: number;
  /** With one from an interaction at or before the period's start. */
  start: number;
  /** With one from an interaction at or before the period's end. */
  end: number;
  /** Those with none at the end. */
  isolated: Array<{ userId: string; name: string }>;
}

export interface KudosFigures {
  total: number;
  byValue: Array<{ value: string; count: number }>;
  /** Kudos given, by the giver's department (real departments only). */
  given: Array<{ departmentId: string; count: number }>;
  /** Thanks received (one per recipient), by the recipient's department. */
  received: Array<{ departmentId: string; count: number }>;
  crossing: Share;
}

/** One round channel's rounds in the period, oldest first. */
export interface ChannelWeeks {
  channelId: string;
  weeks: RoundWeek[];
}

export interface InsightFigures {
  departments: DepartmentFigures;
  links: DepartmentLink[];
  reach: ReachFigures;
  kudos: KudosFigures;
  rounds: ChannelWeeks[];
}

const DAY_MS = 86_400_000;

/** The period insights look back over: the last `weeks` weeks up to now. */
export function insightPeriod(now: Date, weeks: InsightWeeks): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - weeks * 7 * DAY_MS), to: new Date(now) };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * The matrix's rows: departments with at least `minSize` counted members on their own, the
 * largest first (then by name); the others merged into one last row, when there are any.
 * Returns the rows and the row each real department falls in.
 */
export function departmentRows(
  departments: DepartmentSize[],
  minSize: number,
): { rows: InsightDepartment[]; rowOf: Map<string, number> } {
  const own = departments
    .filter((d) => d.members >= minSize)
    .sort((a, b) => b.members - a.members || byName(a, b));
  const small = departments.filter((d) => d.members < minSize);
  const rowOf = new Map(own.map((d, i) => [d.id, i]));
  const rows: InsightDepartment[] = own.map((d) => ({
    name: d.name,
    members: d.members,
    merged: null,
  }));
  if (small.length > 0) {
    for (const d of small) rowOf.set(d.id, rows.length);
    rows.push({
      name: SMALL_DEPARTMENTS,
      members: small.reduce((n, d) => n + d.members, 0),
      merged: small.length,
    });
  }
  return { rows, rowOf };
}

/**
 * The symmetric matrices over the rows. Links within one row can only be between two small
 * departments merged together: they land on that row's diagonal, counted once.
 */
export function linkMatrix(links: DepartmentLink[], rowOf: Map<string, number>, size: number) {
  const grid = () => Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const all = grid();
  const meaningful = grid();
  for (const link of links) {
    const i = rowOf.get(link.a);
    const j = rowOf.get(link.b);
    if (i === undefined || j === undefined) continue;
    all[i]![j]! += link.all;
    meaningful[i]![j]! += link.meaningful;
    if (i === j) continue;
    all[j]![i]! += link.all;
    meaningful[j]![i]! += link.meaningful;
  }
  return { all, meaningful };
}

/** Pairs of rows, by name, with no relationship in the period between them. */
export function unlinkedPairs(rows: InsightDepartment[], all: number[][]): Array<[string, string]> {
  return rows.flatMap((a, i) =>
    rows
      .slice(i + 1)
      .flatMap((b, k): Array<[string, string]> =>
        all[i]![i + 1 + k] === 0 ? [[a.name, b.name]] : [],
      ),
  );
}

function sumByRow(
  counts: Array<{ departmentId: string; count: number }>,
  rowOf: Map<string, number>,
  size: number,
): number[] {
  const sums = new Array<number>(size).fill(0);
  for (const c of counts) {
    const row = rowOf.get(c.departmentId);
    if (row !== undefined) sums[row]! += c.count;
  }
  return sums;
}

function roundTotals(weeks: RoundWeek[]): Omit<RoundWeek, 'slot'> {
  const totals = { matched: 0, told: 0, met: 0, satOut: 0, paused: 0 };
  for (const w of weeks)
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += w[key];
  return totals;
}

/** Puts the counted figures together as an admin reads them. */
export function buildInsights(input: {
  weeks: InsightWeeks;
  from: Date;
  to: Date;
  minDepartmentSize: number;
  figures: InsightFigures;
}): Insights {
  const { figures: f, minDepartmentSize } = input;
  const { rows, rowOf } = departmentRows(f.departments.departments, minDepartmentSize);
  const matrix = linkMatrix(f.links, rowOf, rows.length);
  const given = sumByRow(f.kudos.given, rowOf, rows.length);
  const received = sumByRow(f.kudos.received, rowOf, rows.length);
  const rounds: RoundParticipation[] = f.rounds
    .filter((c) => c.weeks.length > 0)
    .map((c) => ({
      channelId: c.channelId,
      weeks: [...c.weeks].sort((a, b) => a.slot.getTime() - b.slot.getTime()),
      totals: roundTotals(c.weeks),
    }));
  return {
    weeks: input.weeks,
    from: input.from,
    to: input.to,
    minDepartmentSize,
    members: f.departments.members,
    withoutDepartment: f.departments.withoutDepartment,
    rounds,
    departments: rows,
    matrix,
    unlinked: unlinkedPairs(rows, matrix.all),
    crossShare: {
      start: { with: f.reach.start, of: f.reach.of },
      end: { with: f.reach.end, of: f.reach.of },
    },
    isolated: [...f.reach.isolated]
      .sort((a, b) => byName(a, b) || a.userId.localeCompare(b.userId))
      .map((m) => m.userId),
    kudos: {
      total: f.kudos.total,
      byValue: [...f.kudos.byValue].sort(
        (a, b) => b.count - a.count || a.value.localeCompare(b.value),
      ),
      byDepartment: rows.map((r, i) => ({
        department: r.name,
        given: given[i]!,
        received: received[i]!,
      })),
      crossing: f.kudos.crossing,
    },
  };
}

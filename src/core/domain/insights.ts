/**
 * What an admin reads about the whole workspace over a period: rounds' participation, which
 * departments are linked, kudos, and who has no contact outside their department. Numbers
 * only: never a pair of people, and departments too small to hide anyone are merged.
 */

/** The periods an admin can look back over, in weeks. */
export const INSIGHT_WEEKS = [4, 12, 52] as const;
export type InsightWeeks = (typeof INSIGHT_WEEKS)[number];
export const DEFAULT_INSIGHT_WEEKS: InsightWeeks = 12;

/** Departments with fewer members than this are shown together, so no one can be singled out. */
export const DEFAULT_MIN_DEPARTMENT_SIZE = 5;
export const MIN_DEPARTMENT_SIZE = { min: 2, max: 50 };
/** The name departments below the size are shown under. */
export const SMALL_DEPARTMENTS = 'Small departments';

/** One department as insights show it: a real one, or the small ones merged. */
export interface InsightDepartment {
  name: string;
  members: number;
  /** For the merged row: how many departments it holds. */
  merged: number | null;
}

/** One week of one round channel: people, not groups. */
export interface RoundWeek {
  slot: Date;
  /** People put in a group. */
  matched: number;
  /** People whose introduction was delivered to them. */
  told: number;
  /** People in a group that said it met. */
  met: number;
  /** People left out for any reason but a pause: odd one out, skipped, alone, unreachable. */
  satOut: number;
  paused: number;
}

export interface RoundParticipation {
  channelId: string;
  weeks: RoundWeek[];
  totals: Omit<RoundWeek, 'slot'>;
}

/** The share of members with a contact outside their own department. */
export interface Share {
  with: number;
  of: number;
}

export interface Insights {
  weeks: InsightWeeks;
  from: Date;
  to: Date;
  minDepartmentSize: number;
  /** Active members in the directory (not bots, not deactivated, not opted out). */
  members: number;
  /** Of those, how many have no department yet: they count in no department figure. */
  withoutDepartment: number;
  rounds: RoundParticipation[];
  /** The matrix's rows and columns, the largest department first, small ones merged last. */
  departments: InsightDepartment[];
  /**
   * Relationships between departments i and j (i ≠ j; the diagonal holds only links between
   * different departments merged into "small departments"), symmetric. A relationship counts
   * when the two interacted in the period; meaningful when its strength at the end is.
   */
  matrix: { all: number[][]; meaningful: number[][] };
  /** Department pairs, by name, with no relationship in the period. */
  unlinked: Array<[string, string]>;
  /** Members with any cross-department relationship, at the period's start and end. */
  crossShare: { start: Share; end: Share };
  /** Members with a department and no cross-department relationship ever: names for admins. */
  isolated: string[];
  kudos: {
    /** Kudos given in the period. */
    total: number;
    byValue: Array<{ value: string; count: number }>;
    /** Kudos given by each department's members, and thanks received (one per recipient). */
    byDepartment: Array<{ department: string; given: number; received: number }>;
    /** Of the thanks (one per recipient) with both departments known, how many crossed. */
    crossing: Share;
  };
}

/**
 * The few numbers an admin's Home shows: counts only, never a name, so that they can be kept
 * between Home opens (the full insights take seconds at ten thousand members).
 */
export interface InsightsHeadline {
  weeks: InsightWeeks;
  crossShare: { start: Share; end: Share };
  /** Pairs of departments, and how many of them are linked. */
  departmentPairs: number;
  linkedPairs: number;
  /** Members with no contact outside their department. */
  isolated: number;
  kudos: { total: number; crossing: Share };
}

export function headlineOf(i: Insights): InsightsHeadline {
  const pairs = (i.departments.length * (i.departments.length - 1)) / 2;
  return {
    weeks: i.weeks,
    crossShare: i.crossShare,
    departmentPairs: pairs,
    linkedPairs: pairs - i.unlinked.length,
    isolated: i.isolated.length,
    kudos: { total: i.kudos.total, crossing: i.kudos.crossing },
  };
}

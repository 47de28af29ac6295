import { DateTime } from 'luxon';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A past meeting counts half as much every two weeks: heavy for weeks, light after months. */
export const REPEAT_HALF_LIFE_DAYS = 14;

/**
 * The cost of a group, as one number whose parts never trade against each other: a group of
 * one department only outweighs any number of repeats inside the window, which outweigh any
 * number of same-department pairs, which outweigh how recently people met outside the window,
 * which outweighs how little their working hours overlap. A move between two groups changes
 * at most a few dozen pairs, far below the factor between two parts.
 */
export const WEIGHTS = {
  singleDepartment: 1e13,
  windowRepeat: 1e10,
  sameDepartmentPair: 1e7,
  decayedRepeat: 1e3,
  noOverlap: 1,
};

export interface PairHistory {
  /** Meetings inside the repeat window. */
  inWindow: number;
  /** Every past meeting, each worth 2^(-age / half-life). */
  decayed: number;
}

/** Who has met whom, by position in the participant list, for quick lookups. */
export class MeetingIndex {
  private readonly pairs = new Map<number, PairHistory>();

  constructor(
    private readonly size: number,
    index: Map<string, number>,
    history: Array<{ members: string[]; at: Date }>,
    now: Date,
    windowDays: number,
  ) {
    for (const group of history) {
      const ageDays = (now.getTime() - group.at.getTime()) / DAY_MS;
      if (ageDays < 0) continue;
      const weight = 2 ** (-ageDays / REPEAT_HALF_LIFE_DAYS);
      const present = group.members.map((m) => index.get(m)).filter((i) => i !== undefined);
      for (let x = 0; x < present.length; x += 1)
        for (let y = x + 1; y < present.length; y += 1) {
          const key = this.key(present[x]!, present[y]!);
          const h = this.pairs.get(key) ?? { inWindow: 0, decayed: 0 };
          if (ageDays <= windowDays) h.inWindow += 1;
          h.decayed += weight;
          this.pairs.set(key, h);
        }
    }
  }

  private key(a: number, b: number): number {
    return a < b ? a * this.size + b : b * this.size + a;
  }

  get(a: number, b: number): PairHistory | undefined {
    return this.pairs.get(this.key(a, b));
  }
}

export interface Person {
  department: string;
  /** The working day as minutes after midnight UTC: [start, end), possibly wrapping. */
  utcStart: number;
  utcEnd: number;
}

/** Working hours moved to UTC on the round's day, so people in any two zones compare. */
export function utcWindow(zone: string, startMinute: number, endMinute: number, at: Date) {
  const offset = DateTime.fromJSDate(at, { zone }).offset;
  const wrap = (m: number) => (((m - offset) % 1440) + 1440) % 1440;
  return { utcStart: wrap(startMinute), utcEnd: wrap(endMinute) };
}

function segments(start: number, end: number): Array<[number, number]> {
  if (start === end) return [[0, 1440]];
  return start < end
    ? [[start, end]]
    : [
        [start, 1440],
        [0, end],
      ];
}

/** Minutes a day two people are both at work. */
export function overlapMinutes(a: Person, b: Person): number {
  let total = 0;
  for (const [s1, e1] of segments(a.utcStart, a.utcEnd))
    for (const [s2, e2] of segments(b.utcStart, b.utcEnd))
      total += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return total;
}

/** Four shared hours are plenty for a conversation; less costs in proportion. */
const ENOUGH_OVERLAP = 4 * 60;

export function groupCost(members: number[], people: Person[], met: MeetingIndex): number {
  let cost = 0;
  const first = people[members[0]!]!.department;
  if (members.length > 1 && members.every((m) => people[m]!.department === first))
    cost += WEIGHTS.singleDepartment;
  for (let x = 0; x < members.length; x += 1)
    for (let y = x + 1; y < members.length; y += 1) {
      const a = members[x]!;
      const b = members[y]!;
      if (people[a]!.department === people[b]!.department) cost += WEIGHTS.sameDepartmentPair;
      const h = met.get(a, b);
      if (h) cost += h.inWindow * WEIGHTS.windowRepeat + h.decayed * WEIGHTS.decayedRepeat;
      const overlap = Math.min(ENOUGH_OVERLAP, overlapMinutes(people[a]!, people[b]!));
      cost += (1 - overlap / ENOUGH_OVERLAP) * WEIGHTS.noOverlap;
    }
  return cost;
}

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
  /** Meeting someone from a department one already met lately: better a new one. */
  familiarDepartment: 10,
  /** Two departments that the company's rounds have already brought together lately. */
  coveredDepartmentPair: 10,
  noOverlap: 1,
};

export interface PairHistory {
  /** Meetings inside the repeat window. */
  inWindow: number;
  /** Every past meeting, each worth 2^(-age / half-life). */
  decayed: number;
}

/**
 * Who has met whom, and which departments each person has met lately, by position in the
 * participant list and department number: plain numbers, because the search asks millions
 * of times.
 */
export class MeetingIndex {
  private readonly pairs = new Map<number, PairHistory>();
  /** familiar[person * departments + department]: decayed meetings with that department. */
  private readonly familiar: Float32Array;
  /** covered[d1 * departments + d2]: decayed meetings between two departments, company-wide. */
  private readonly covered: Float32Array;

  constructor(
    private readonly size: number,
    private readonly departments: number,
    index: Map<string, number>,
    history: Array<{ members: string[]; at: Date }>,
    now: Date,
    windowDays: number,
    /** A person's department number, for anyone in the history (present or not). */
    departmentOf: (id: string) => number | undefined,
  ) {
    this.familiar = new Float32Array(size * departments);
    this.covered = new Float32Array(departments * departments);
    for (const group of history) {
      const ageDays = (now.getTime() - group.at.getTime()) / DAY_MS;
      if (ageDays < 0) continue;
      const weight = 2 ** (-ageDays / REPEAT_HALF_LIFE_DAYS);
      const present: number[] = [];
      const groupDepartments = group.members.map(departmentOf);
      for (let x = 0; x < groupDepartments.length; x += 1)
        for (let y = 0; y < groupDepartments.length; y += 1) {
          const dx = groupDepartments[x];
          const dy = groupDepartments[y];
          if (dx !== undefined && dy !== undefined && dx !== dy)
            this.covered[dx * departments + dy]! += weight;
        }
      for (const a of group.members) {
        const i = index.get(a);
        if (i === undefined) continue;
        present.push(i);
        for (const b of group.members) {
          const department = b === a ? undefined : departmentOf(b);
          if (department !== undefined) this.familiar[i * departments + department]! += weight;
        }
      }
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

  /** Pairs of present people who met inside the window, by their two departments. */
  windowMeetingsBetween(departmentOf: (person: number) => number): Int32Array {
    const counts = new Int32Array(this.departments * this.departments);
    for (const [key, h] of this.pairs) {
      if (h.inWindow === 0) continue;
      const a = departmentOf(Math.floor(key / this.size));
      const b = departmentOf(key % this.size);
      counts[a * this.departments + b]! += 1;
      if (a !== b) counts[b * this.departments + a]! += 1;
    }
    return counts;
  }

  /** How much two departments have met lately, company-wide, up to 1 (0: never). */
  coverage(a: number, b: number): number {
    const c = this.covered[a * this.departments + b]!;
    return c < 1 ? c : 1;
  }

  /** How much `person` has met `department` lately (0: never). */
  familiarity(person: number, department: number): number {
    return this.familiar[person * this.departments + department]!;
  }
}

export interface Person {
  /** The department's number among the round's departments. */
  department: number;
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

/**
 * Minutes two ranges on a day overlap; `end` may pass midnight (then it is above 1440).
 * Comparisons rather than Math.min and Math.max: inside jest's sandbox each of those calls
 * costs about 38 times what it does in Node, and this function alone took 24 s of a 36 s test.
 */
function span(s1: number, e1: number, s2: number, e2: number): number {
  const overlap = (e1 < e2 ? e1 : e2) - (s1 > s2 ? s1 : s2);
  return overlap > 0 ? overlap : 0;
}

/** Minutes a day two people are both at work (no allocation: this runs millions of times). */
export function overlapMinutes(a: Person, b: Person): number {
  // Unwrap each window onto [start, start + length), then compare it with the other's window
  // shifted by a day either way.
  const la = a.utcStart === a.utcEnd ? 1440 : (a.utcEnd - a.utcStart + 1440) % 1440;
  const lb = b.utcStart === b.utcEnd ? 1440 : (b.utcEnd - b.utcStart + 1440) % 1440;
  const ea = a.utcStart + la;
  let total = 0;
  for (let sb = b.utcStart - 1440; sb <= b.utcStart + 1440; sb += 1440)
    total += span(a.utcStart, ea, sb, sb + lb);
  const shorter = la < lb ? la : lb;
  return total < shorter ? total : shorter;
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
      cost +=
        (met.familiarity(a, people[b]!.department) + met.familiarity(b, people[a]!.department)) *
        WEIGHTS.familiarDepartment;
      cost +=
        met.coverage(people[a]!.department, people[b]!.department) * WEIGHTS.coveredDepartmentPair;
      const minutes = overlapMinutes(people[a]!, people[b]!);
      const overlap = minutes < ENOUGH_OVERLAP ? minutes : ENOUGH_OVERLAP;
      cost += (1 - overlap / ENOUGH_OVERLAP) * WEIGHTS.noOverlap;
    }
  return cost;
}

import { isGoingCold, isMeaningful, peakStrength } from './relationships';

/** A pair's strength today and its last interaction: what a whole workspace's job needs. */
export interface PairStrength {
  a: string;
  b: string;
  strength: number;
  lastAt: Date;
}

/**
 * Who knows whom in a workspace, as compact arrays (a person's contacts are
 * neighbours[offsets[i] .. offsets[i + 1]]): the weekly job walks the contacts of contacts of
 * ten thousand people, which plain maps make slow.
 */
export class Network {
  readonly index = new Map<string, number>();
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly strengths: Float64Array;
  readonly lastAt: Float64Array;

  constructor(
    readonly ids: string[],
    pairs: PairStrength[],
  ) {
    ids.forEach((id, i) => this.index.set(id, i));
    const known = pairs.filter((p) => this.index.has(p.a) && this.index.has(p.b) && p.a !== p.b);
    const degree = new Int32Array(ids.length);
    for (const p of known) {
      degree[this.index.get(p.a)!]! += 1;
      degree[this.index.get(p.b)!]! += 1;
    }
    this.offsets = new Int32Array(ids.length + 1);
    for (let i = 0; i < ids.length; i += 1) this.offsets[i + 1] = this.offsets[i]! + degree[i]!;
    this.neighbours = new Int32Array(this.offsets[ids.length]!);
    this.strengths = new Float64Array(this.neighbours.length);
    this.lastAt = new Float64Array(this.neighbours.length);
    const fill = this.offsets.slice(0, ids.length);
    const add = (from: number, to: number, p: PairStrength) => {
      const at = fill[from]!++;
      this.neighbours[at] = to;
      this.strengths[at] = p.strength;
      this.lastAt[at] = p.lastAt.getTime();
    };
    for (const p of known) {
      const a = this.index.get(p.a)!;
      const b = this.index.get(p.b)!;
      add(a, b, p);
      add(b, a, p);
    }
  }

  /** How many meaningful relationships `i` has today. */
  meaningfulCount(i: number): number {
    let n = 0;
    for (let at = this.offsets[i]!; at < this.offsets[i + 1]!; at += 1)
      if (isMeaningful(this.strengths[at]!)) n += 1;
    return n;
  }

  /** `i`'s relationships going cold, the strongest once first, at most `limit`. */
  goingCold(i: number, now: Date, cadenceDays: number, limit: number) {
    const cold: Array<{ userId: string; peak: number; lastAt: Date }> = [];
    for (let at = this.offsets[i]!; at < this.offsets[i + 1]!; at += 1) {
      const lastAt = new Date(this.lastAt[at]!);
      const strength = this.strengths[at]!;
      if (!isGoingCold(strength, lastAt, now, cadenceDays)) continue;
      cold.push({
        userId: this.ids[this.neighbours[at]!]!,
        peak: peakStrength(strength, lastAt, now),
        lastAt,
      });
    }
    return cold
      .sort((a, b) => b.peak - a.peak || a.lastAt.getTime() - b.lastAt.getTime())
      .slice(0, limit);
  }
}

export interface Suggestion {
  userId: string;
  /** Someone both know, the closest to both; null when there is nobody in common. */
  mutualId: string | null;
  /** How many people both know. */
  mutualCount: number;
}

/**
 * Who can be suggested, by department, as numbers over a network's people: worked out once
 * for a whole workspace's suggestions.
 */
export class Candidates {
  /** Each person's department number; -1: not someone to suggest (or no department known). */
  readonly department: Int32Array;
  /** Each department's people, in id order. */
  readonly people: number[][];

  private readonly numbers: Map<string, number>;

  constructor(
    readonly network: Network,
    departments: ReadonlyMap<string, string | null>,
  ) {
    const names = [...new Set([...departments.values()].filter((d): d is string => !!d))].sort(
      (a, b) => a.localeCompare(b),
    );
    const number = new Map(names.map((d, k) => [d, k]));
    this.numbers = number;
    this.department = new Int32Array(network.ids.length).fill(-1);
    this.people = names.map(() => []);
    const order = [...departments.keys()].sort();
    for (const id of order) {
      const i = network.index.get(id);
      const d = number.get(departments.get(id) ?? '');
      if (i === undefined || d === undefined) continue;
      this.department[i] = d;
      this.people[d]!.push(i);
    }
  }

  /** A department's number; -1 when none of the candidates is in it. */
  departmentNumber(name: string | null): number {
    return this.numbers.get(name ?? '') ?? -1;
  }
}

/** Arrays the size of the network, reused across members and left cleared. */
export class Scratch {
  readonly counts: Int32Array;
  readonly marks: Uint8Array;
  readonly reached: Uint8Array;
  constructor(candidates: Candidates) {
    this.counts = new Int32Array(candidates.network.ids.length);
    this.marks = new Uint8Array(candidates.network.ids.length);
    this.reached = new Uint8Array(candidates.people.length);
  }
}

const KNOWN = 1;
const SET_ASIDE = 2;

/**
 * Up to `limit` people a member should meet: in another department, no relationship yet,
 * those reachable through more people both know first, then departments the member has not
 * reached, then by id for a stable order; if that is not enough, someone from each
 * department not reached yet.
 */
export function suggestFor(
  candidates: Candidates,
  userId: string,
  options: {
    excluded: ReadonlySet<string>;
    limit: number;
    scratch?: Scratch;
    /**
     * The member's own department, for a member who is not among the candidates (paused,
     * say): its people are not suggested to them either.
     */
    department?: string | null;
  },
): Suggestion[] {
  const { network } = candidates;
  const me = network.index.get(userId);
  if (me === undefined) return [];
  const { counts, marks, reached } = options.scratch ?? new Scratch(candidates);
  const { offsets, neighbours, ids } = network;
  const myDepartment =
    options.department === undefined
      ? candidates.department[me]!
      : candidates.departmentNumber(options.department);
  marks[me] = KNOWN;
  for (let at = offsets[me]!; at < offsets[me + 1]!; at += 1) {
    const other = neighbours[at]!;
    marks[other] = KNOWN;
    const d = candidates.department[other]!;
    if (d >= 0) reached[d] = 1;
  }
  const setAside: number[] = [];
  for (const id of options.excluded) {
    const c = network.index.get(id);
    if (c !== undefined && marks[c] === 0) {
      marks[c] = SET_ASIDE;
      setAside.push(c);
    }
  }
  const touched: number[] = [];
  for (let at = offsets[me]!; at < offsets[me + 1]!; at += 1) {
    const m = neighbours[at]!;
    for (let at2 = offsets[m]!; at2 < offsets[m + 1]!; at2 += 1) {
      const c = neighbours[at2]!;
      if (marks[c] !== 0) continue;
      if (counts[c] === 0) touched.push(c);
      counts[c]! += 1;
    }
  }
  const better = (x: number, y: number) =>
    counts[x]! !== counts[y]!
      ? counts[x]! > counts[y]!
      : reached[candidates.department[x]!] !== reached[candidates.department[y]!]
        ? reached[candidates.department[x]!] === 0
        : ids[x]! < ids[y]!;
  const chosen: number[] = [];
  for (const c of touched) {
    const d = candidates.department[c]!;
    if (d < 0 || d === myDepartment) continue;
    let k = chosen.length;
    while (k > 0 && better(c, chosen[k - 1]!)) k -= 1;
    if (k < options.limit) chosen.splice(k, 0, c);
    if (chosen.length > options.limit) chosen.pop();
  }
  // Not enough people in common: someone from each department not reached yet, a different
  // one for each member (so that not everyone is sent to the same person).
  const start = hash(userId);
  for (let d = 0; d < candidates.people.length && chosen.length < options.limit; d += 1) {
    const people = candidates.people[d]!;
    if (d === myDepartment || reached[d] || people.length === 0) continue;
    for (let k = 0; k < people.length; k += 1) {
      const c = people[(start + k) % people.length]!;
      if (marks[c] !== 0 || chosen.includes(c)) continue;
      chosen.push(c);
      break;
    }
  }
  const result = chosen.map((c) => ({
    userId: ids[c]!,
    mutualId: counts[c]! > 0 ? closestMutual(network, me, c) : null,
    mutualCount: counts[c]!,
  }));
  for (const c of touched) counts[c] = 0;
  for (const c of setAside) marks[c] = 0;
  marks[me] = 0;
  for (let at = offsets[me]!; at < offsets[me + 1]!; at += 1) {
    marks[neighbours[at]!] = 0;
    const d = candidates.department[neighbours[at]!]!;
    if (d >= 0) reached[d] = 0;
  }
  return result;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The contact of both whose weaker tie to the two is strongest. */
function closestMutual(network: Network, a: number, b: number): string | null {
  const { offsets, neighbours, strengths } = network;
  const toB = new Map<number, number>();
  for (let at = offsets[b]!; at < offsets[b + 1]!; at += 1)
    toB.set(neighbours[at]!, strengths[at]!);
  let best: number | null = null;
  let bestTie = -1;
  for (let at = offsets[a]!; at < offsets[a + 1]!; at += 1) {
    const m = network.neighbours[at]!;
    const other = toB.get(m);
    if (other === undefined) continue;
    const tie = Math.min(other, network.strengths[at]!);
    if (
      tie > bestTie ||
      (tie === bestTie && best !== null && network.ids[m]! < network.ids[best]!)
    ) {
      best = m;
      bestTie = tie;
    }
  }
  return best === null ? null : network.ids[best]!;
}

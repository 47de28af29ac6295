import { isGoingCold, MEANINGFUL_STRENGTH, peakStrength } from './relationships';

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

  /** Contacts of `i`: [position in the arrays] for each. */
  *contactsOf(i: number): Generator<number> {
    for (let at = this.offsets[i]!; at < this.offsets[i + 1]!; at += 1) yield at;
  }

  /** How many meaningful relationships `i` has today. */
  meaningfulCount(i: number): number {
    let n = 0;
    for (const at of this.contactsOf(i)) if (this.strengths[at]! >= MEANINGFUL_STRENGTH) n += 1;
    return n;
  }

  /** `i`'s relationships going cold, the strongest once first, at most `limit`. */
  goingCold(i: number, now: Date, cadenceDays: number, limit: number) {
    const cold: Array<{ userId: string; peak: number; lastAt: Date }> = [];
    for (const at of this.contactsOf(i)) {
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

export interface SuggestOptions {
  /** Each person's department (null: not known); people absent here cannot be suggested. */
  departments: ReadonlyMap<string, string | null>;
  /** People not to suggest: snoozed with "Not now", asked already, away. */
  excluded: ReadonlySet<string>;
  limit: number;
  /** A scratch array of the network's size, reused across calls (it is left zeroed). */
  scratch?: Int32Array;
}

/**
 * Up to `limit` people a member should meet: in another department, no relationship yet,
 * those reachable through more people both know first, then departments the member has not
 * reached, then by id for a stable order.
 */
export function suggestFor(network: Network, userId: string, options: SuggestOptions) {
  const me = network.index.get(userId);
  const myDepartment = options.departments.get(userId) ?? null;
  if (me === undefined) return [];
  const counts = options.scratch ?? new Int32Array(network.ids.length);
  const mine = new Set<number>([me]);
  const reached = new Set<string>();
  for (const at of network.contactsOf(me)) {
    const other = network.neighbours[at]!;
    mine.add(other);
    const department = options.departments.get(network.ids[other]!);
    if (department) reached.add(department);
  }
  const touched: number[] = [];
  for (const at of network.contactsOf(me)) {
    for (const at2 of network.contactsOf(network.neighbours[at]!)) {
      const c = network.neighbours[at2]!;
      if (mine.has(c)) continue;
      if (counts[c] === 0) touched.push(c);
      counts[c]! += 1;
    }
  }
  const eligible = (id: string) => {
    if (options.excluded.has(id) || !options.departments.has(id)) return false;
    const department = options.departments.get(id) ?? null;
    return department !== null && department !== myDepartment;
  };
  const pick = (candidates: number[]) =>
    candidates
      .filter((c) => eligible(network.ids[c]!))
      .sort(
        (x, y) =>
          counts[y]! - counts[x]! ||
          Number(reached.has(options.departments.get(network.ids[x]!)!)) -
            Number(reached.has(options.departments.get(network.ids[y]!)!)) ||
          (network.ids[x]! < network.ids[y]! ? -1 : 1),
      );
  const chosen = pick(touched).slice(0, options.limit);
  if (chosen.length < options.limit) {
    // Not enough people in common: someone from each department not reached yet, a
    // different one for each member (so that not everyone is sent to the same person).
    const start = hash(userId);
    for (const [department, people] of byDepartment(options.departments)) {
      if (chosen.length >= options.limit) break;
      if (department === myDepartment || reached.has(department)) continue;
      for (let k = 0; k < people.length; k += 1) {
        const id = people[(start + k) % people.length]!;
        const c = network.index.get(id);
        if (c === undefined || mine.has(c) || chosen.includes(c) || options.excluded.has(id))
          continue;
        chosen.push(c);
        break;
      }
    }
  }
  const result: Suggestion[] = chosen.map((c) => ({
    userId: network.ids[c]!,
    mutualId: counts[c]! > 0 ? closestMutual(network, me, c) : null,
    mutualCount: counts[c]!,
  }));
  for (const c of touched) counts[c] = 0;
  return result;
}

const grouped = new WeakMap<ReadonlyMap<string, string | null>, Map<string, string[]>>();

/** People by department, departments and people in a stable order (worked out once per map). */
function byDepartment(departments: ReadonlyMap<string, string | null>): Map<string, string[]> {
  let result = grouped.get(departments);
  if (!result) {
    result = new Map();
    for (const [id, department] of [...departments].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (department) {
        const list = result.get(department);
        if (list) list.push(id);
        else result.set(department, [id]);
      }
    result = new Map([...result].sort(([a], [b]) => a.localeCompare(b)));
    grouped.set(departments, result);
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
  const toB = new Map<number, number>();
  for (const at of network.contactsOf(b)) toB.set(network.neighbours[at]!, network.strengths[at]!);
  let best: number | null = null;
  let bestTie = -1;
  for (const at of network.contactsOf(a)) {
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

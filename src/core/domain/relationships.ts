import type { Member } from './member';
import { classifyRelationship, type RelationshipKind } from './relationship-kind';

/**
 * What each kind of interaction adds to a relationship's strength. Meeting (in a round, or
 * by `/rapport met`) counts most; a follow-up done, then an introduction; a kudos, either
 * way, counts one.
 */
export const INTERACTION_WEIGHTS: Record<string, number> = {
  round: 4,
  manual: 4,
  followup: 3,
  introduction: 2,
  kudos: 1,
};
/** Every interaction counts half as much after this many days. */
export const STRENGTH_HALF_LIFE_DAYS = 90;
/** At or above this strength a relationship is "meaningful": a meeting and a follow-up, say. */
export const MEANINGFUL_STRENGTH = 5;
/**
 * Meaningful at the threshold, counted to two decimals: a kudos and a meeting on the same
 * day make 1 + 4 = 5 even though the kudos has decayed by a few millionths since.
 */
export function isMeaningful(strength: number): boolean {
  return Math.round(strength * 100) / 100 >= MEANINGFUL_STRENGTH;
}
/** What research suggests a healthy professional network holds. */
export const MEANINGFUL_TARGET = { min: 15, max: 20 };
/** How long a meaningful relationship may go quiet before it is "going cold". */
export const DEFAULT_CADENCE_DAYS = 42;
/** Quiet for longer than this, a relationship has gone: no more nudges about it. */
export const GONE_AFTER_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

export type FullRelationshipKind = RelationshipKind | 'mentor_mentee';

export const FULL_KIND_LABELS: Record<FullRelationshipKind, string> = {
  mentor_mentee: 'mentor/mentee',
  manager_report: 'manager/report',
  cross_department: 'cross-department',
  peer: 'peer',
  external: 'external',
};

/** One interaction between a member and someone else, as the member sees it. */
export interface InteractionEvent {
  otherId: string;
  source: string;
  at: Date;
}

export interface Relationship {
  otherId: string;
  kind: FullRelationshipKind;
  /** Today's strength: every interaction's weight, halved every half-life. */
  strength: number;
  /** The strength just after the last interaction. */
  peak: number;
  lastAt: Date;
  interactions: number;
  meaningful: boolean;
  /** Was meaningful, and has been quiet for the member's cadence (but not for a year). */
  goingCold: boolean;
}

/** The strength of interactions at `at`: each one's weight, halved every half-life. */
export function strengthAt(events: Array<{ source: string; at: Date }>, at: Date): number {
  let total = 0;
  for (const e of events) {
    const ageDays = (at.getTime() - e.at.getTime()) / DAY_MS;
    if (ageDays < 0) continue;
    total += (INTERACTION_WEIGHTS[e.source] ?? 1) * 2 ** (-ageDays / STRENGTH_HALF_LIFE_DAYS);
  }
  return total;
}

/**
 * The strength just after the last interaction. Every interaction came at or before it, so
 * today's strength is that peak halved for the time since: no need to replay each one.
 */
export function peakStrength(strength: number, lastAt: Date, now: Date): number {
  const quietDays = (now.getTime() - lastAt.getTime()) / DAY_MS;
  return strength * 2 ** (quietDays / STRENGTH_HALF_LIFE_DAYS);
}

/** Meaningful once, and quiet for the member's cadence (but not a year): worth a nudge. */
export function isGoingCold(strength: number, lastAt: Date, now: Date, cadenceDays: number) {
  const quietDays = (now.getTime() - lastAt.getTime()) / DAY_MS;
  return (
    quietDays >= cadenceDays &&
    quietDays < GONE_AFTER_DAYS &&
    isMeaningful(peakStrength(strength, lastAt, now))
  );
}

type Person = Pick<Member, 'userId' | 'departmentId' | 'managerId' | 'externalOrg'>;

/**
 * How two people relate now: a declared mentorship first, then what the directory says
 * (external, manager/report, cross-department, peer).
 */
export function relationshipKind(
  me: Person,
  other: Person,
  mentorships: ReadonlySet<string>,
): FullRelationshipKind {
  return mentorships.has(other.userId) ? 'mentor_mentee' : classifyRelationship(me, other);
}

/**
 * A member's relationships from their interactions, strongest first. People no longer in
 * the directory, deactivated, opted out of Rapport or bots are left out.
 */
export function relationshipsOf(
  me: Person,
  events: InteractionEvent[],
  others: ReadonlyMap<
    string,
    Person & { isDeactivated: boolean; optedOut?: boolean; isBot?: boolean }
  >,
  mentorships: ReadonlySet<string>,
  now: Date,
  cadenceDays: number,
): Relationship[] {
  const byOther = new Map<string, InteractionEvent[]>();
  for (const e of events) {
    const list = byOther.get(e.otherId);
    if (list) list.push(e);
    else byOther.set(e.otherId, [e]);
  }
  const relationships: Relationship[] = [];
  for (const [otherId, list] of byOther) {
    const other = others.get(otherId);
    if (!other || other.isDeactivated || other.optedOut || other.isBot) continue;
    let last = list[0]!.at;
    for (const e of list) if (e.at > last) last = e.at;
    const strength = strengthAt(list, now);
    relationships.push({
      otherId,
      kind: relationshipKind(me, other, mentorships),
      strength,
      peak: peakStrength(strength, last, now),
      lastAt: last,
      interactions: list.length,
      meaningful: isMeaningful(strength),
      goingCold: isGoingCold(strength, last, now, cadenceDays),
    });
  }
  return relationships.sort((a, b) => b.strength - a.strength || (a.otherId < b.otherId ? -1 : 1));
}

/** Who to nudge about: going cold, the strongest once first, at most `limit`. */
export function coldest(relationships: Relationship[], limit: number): Relationship[] {
  return relationships
    .filter((r) => r.goingCold)
    .sort((a, b) => b.peak - a.peak || a.lastAt.getTime() - b.lastAt.getTime())
    .slice(0, limit);
}

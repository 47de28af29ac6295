import type { Member } from '../domain/member';
import {
  coldest,
  FULL_KIND_LABELS,
  MEANINGFUL_TARGET,
  relationshipsOf,
  type FullRelationshipKind,
  type Relationship,
} from '../domain/relationships';
import type { Clock, Repositories, UnitOfWork } from '../ports';

/** Names a summary shows of those going cold. */
export const GOING_COLD_SHOWN = 5;

export interface NetworkSummary {
  member: Member;
  kudosGiven: number;
  kudosReceived: number;
  /** People this member has interacted with, by how they relate now. */
  relationships: Record<FullRelationshipKind, number>;
  connections: number;
  /** Relationships strong enough to count, against the 15–20 a healthy network holds. */
  meaningful: number;
  target: typeof MEANINGFUL_TARGET;
  /** Other departments this member has interacted with, alphabetically. */
  departmentsReached: string[];
  /** The meaningful relationships, the strongest first. */
  meaningfulPeople: Array<{ userId: string; name: string }>;
  /** Meaningful relationships that have gone quiet, the strongest first. */
  goingCold: Array<{ userId: string; name: string; lastAt: Date }>;
}

export type NetworkSummaryResult =
  { ok: true; summary: NetworkSummary } | { ok: false; code: 'unknown_member' };

/** A member's relationships, inside a caller's transaction, with the people in them. */
export async function loadRelationships(
  repos: Repositories,
  workspaceId: string,
  member: Member,
  now: Date,
): Promise<{
  relationships: Relationship[];
  people: Map<string, Member>;
  mentorships: Set<string>;
}> {
  const events = await repos.interactions.eventsOf(workspaceId, member.userId);
  const ids = [...new Set(events.map((e) => e.otherId))];
  const people = new Map(
    (await repos.members.findMany(workspaceId, ids)).map((m) => [m.userId, m]),
  );
  const mentorships = await repos.mentorships.partnersOf(workspaceId, member.userId);
  return {
    relationships: relationshipsOf(
      member,
      events,
      people,
      mentorships,
      now,
      member.nudges.cadenceDays,
    ),
    people,
    mentorships,
  };
}

/** The summary for one member, inside a caller's transaction; null when they are unknown. */
export async function summariseNetwork(
  repos: Repositories,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<NetworkSummary | null> {
  const member = await repos.members.find(workspaceId, userId);
  if (!member) return null;
  const { relationships, people, mentorships } = await loadRelationships(
    repos,
    workspaceId,
    member,
    now,
  );
  const kinds = Object.fromEntries(Object.keys(FULL_KIND_LABELS).map((k) => [k, 0])) as Record<
    FullRelationshipKind,
    number
  >;
  const departments = new Set<string>();
  for (const r of relationships) {
    kinds[r.kind] += 1;
    const department = people.get(r.otherId)?.departmentName;
    if (department && department !== member.departmentName) departments.add(department);
  }
  // A declared mentorship is a relationship before the first recorded interaction.
  const unmet = [...mentorships].filter((id) => !relationships.some((r) => r.otherId === id));
  kinds.mentor_mentee += unmet.length;
  const cold = coldest(relationships, GOING_COLD_SHOWN);
  return {
    member,
    kudosGiven: await repos.kudos.countGiven(workspaceId, userId),
    kudosReceived: await repos.kudos.countReceived(workspaceId, userId),
    relationships: kinds,
    connections: relationships.length + unmet.length,
    meaningful: relationships.filter((r) => r.meaningful).length,
    meaningfulPeople: relationships
      .filter((r) => r.meaningful)
      .sort((a, b) => b.strength - a.strength)
      .map((r) => ({ userId: r.otherId, name: people.get(r.otherId)!.name })),
    target: MEANINGFUL_TARGET,
    departmentsReached: [...departments].sort((a, b) => a.localeCompare(b)),
    goingCold: cold.map((r) => ({
      userId: r.otherId,
      name: people.get(r.otherId)!.name,
      lastAt: r.lastAt,
    })),
  };
}

export function makeNetworkSummary({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function networkSummary(
    workspaceId: string,
    userId: string,
  ): Promise<NetworkSummaryResult> {
    return transaction(async (repos) => {
      const summary = await summariseNetwork(repos, workspaceId, userId, clock.now());
      return summary ? { ok: true, summary } : { ok: false, code: 'unknown_member' };
    });
  };
}

export type NetworkSummaryUseCase = ReturnType<typeof makeNetworkSummary>;

import type { Member } from '../domain/member';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../domain/relationship-kind';
import type { Repositories, UnitOfWork } from '../ports';

export interface NetworkSummary {
  member: Member;
  kudosGiven: number;
  kudosReceived: number;
  /** People this member has interacted with, by how they relate. */
  relationships: Record<RelationshipKind, number>;
  connections: number;
  /** Other departments this member has interacted with, alphabetically. */
  departmentsReached: string[];
}

export type NetworkSummaryResult =
  { ok: true; summary: NetworkSummary } | { ok: false; message: string };

/** The summary for one member, inside a caller's transaction; null when they are unknown. */
export async function summariseNetwork(
  repos: Repositories,
  workspaceId: string,
  userId: string,
): Promise<NetworkSummary | null> {
  const member = await repos.members.find(workspaceId, userId);
  if (!member) return null;
  const counterparts = await repos.interactions.counterparts(workspaceId, userId);
  const relationships = Object.fromEntries(RELATIONSHIP_KINDS.map((k) => [k, 0])) as Record<
    RelationshipKind,
    number
  >;
  const departments = new Set<string>();
  for (const c of counterparts) {
    relationships[c.kind] += 1;
    if (c.departmentName && c.departmentName !== member.departmentName)
      departments.add(c.departmentName);
  }
  return {
    member,
    kudosGiven: await repos.kudos.countGiven(workspaceId, userId),
    kudosReceived: await repos.kudos.countReceived(workspaceId, userId),
    relationships,
    connections: counterparts.length,
    departmentsReached: [...departments].sort((a, b) => a.localeCompare(b)),
  };
}

export const UNKNOWN_MEMBER_MESSAGE = "I couldn't find you in this workspace's directory yet.";

export function makeNetworkSummary({ transaction }: { transaction: UnitOfWork }) {
  return function networkSummary(
    workspaceId: string,
    userId: string,
  ): Promise<NetworkSummaryResult> {
    return transaction(async (repos) => {
      const summary = await summariseNetwork(repos, workspaceId, userId);
      return summary ? { ok: true, summary } : { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
    });
  };
}

export type NetworkSummaryUseCase = ReturnType<typeof makeNetworkSummary>;

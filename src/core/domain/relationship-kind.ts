import type { Member } from './member';

export const RELATIONSHIP_KINDS = [
  'cross_department',
  'peer',
  'manager_report',
  'external',
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

type Classifiable = Pick<Member, 'userId' | 'departmentId' | 'managerId' | 'externalOrg'>;

/**
 * How two people relate, most specific first: someone from another organisation is external;
 * a direct line is manager/report; different known departments are cross-department. Two people
 * in the same department, or whose department we don't know yet, count as peers: we never claim
 * a cross-department contact we cannot show.
 */
export function classifyRelationship(a: Classifiable, b: Classifiable): RelationshipKind {
  if ((a.externalOrg ?? null) !== (b.externalOrg ?? null)) return 'external';
  if (a.managerId === b.userId || b.managerId === a.userId) return 'manager_report';
  if (a.departmentId && b.departmentId && a.departmentId !== b.departmentId)
    return 'cross_department';
  return 'peer';
}

import type { Clock, Introduction, MemberRecords, UnitOfWork } from '../ports';

/** What a member's export holds: their records, and the names of the people in them they see. */
export interface MemberExport {
  records: MemberRecords;
  /**
   * Names of the people the member already sees in Rapport: those in kudos they gave or
   * received, groups they were in, their own follow-ups, introductions, mentorships and
   * suggestions, their manager. Nobody else is named in the export.
   */
  names: ReadonlyMap<string, string>;
  at: Date;
}

export type ExportResult =
  { ok: true; export: MemberExport } | { ok: false; code: 'unknown_member' };

/** Sources of interactions the member saw happen with the other person named. */
const SEEN_TOGETHER = new Set(['kudos', 'round', 'introduction']);
/**
 * A follow-up of their own marked done. A meeting noted with /rapport met is stored as a pair
 * in id order, so who noted it is not known: its other person is named only if seen elsewhere.
 */
const ownFollowup = (i: MemberRecords['interactions'][number]) =>
  i.source === 'followup' && i.recordedFor === 'member';

/**
 * Whether the member has seen who an introduction is for: they asked, or were asked; the
 * person both know sees the two only once asked to join (until then it is the others' matter).
 */
const seenBy = (i: Introduction, me: string) =>
  i.requesterId === me ||
  i.targetId === me ||
  i.status === 'asking_mutual' ||
  i.mutualJoins !== null;

/** Everyone a member already sees named in Rapport, among the people their records name. */
function visiblePeople(r: MemberRecords): Set<string> {
  return new Set([
    ...(r.member.managerId ? [r.member.managerId] : []),
    ...r.kudosGiven.flatMap((k) => k.recipientIds),
    ...r.kudosReceived.flatMap((k) => [k.giverId, ...k.recipientIds]),
    ...r.interactions
      .filter((i) => SEEN_TOGETHER.has(i.source) || ownFollowup(i))
      .map((i) => i.otherId),
    ...r.reminders.map((x) => x.otherId),
    ...r.introductions
      .filter((i) => seenBy(i, r.member.userId))
      .flatMap((i) => [i.requesterId, i.targetId, ...(i.mutualId ? [i.mutualId] : [])]),
    ...r.mentorships.flatMap((m) => [m.mentorId, m.menteeId]),
    ...r.roundGroups.flatMap((g) => g.withIds),
    ...r.snoozes.map((s) => s.otherId),
    ...(r.suggestions?.userIds ?? []),
  ]);
}

/** `/rapport export`: everything Rapport stores about the member, read in one transaction. */
export function makeExportMyData({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function exportMyData(workspaceId: string, userId: string): Promise<ExportResult> {
    return transaction(async (repos): Promise<ExportResult> => {
      const records = await repos.memberData.collect(workspaceId, userId);
      if (!records) return { ok: false, code: 'unknown_member' };
      const others = [...visiblePeople(records)].filter((id) => id !== userId);
      const people = await repos.members.findMany(workspaceId, others);
      return {
        ok: true,
        export: { records, names: new Map(people.map((p) => [p.userId, p.name])), at: clock.now() },
      };
    });
  };
}

export type ExportMyData = ReturnType<typeof makeExportMyData>;

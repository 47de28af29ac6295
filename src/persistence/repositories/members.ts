import { sql, type Kysely, type Updateable } from 'kysely';
import type { Member } from '../../core/domain/member';
import type { MemberRepository } from '../../core/ports';
import type { Database, MembersTable } from '../schema';
import { ensureDepartment, setOptedOut } from './directory';

function selectMembers(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('members as m')
    .leftJoin('departments as d', (j) =>
      j.onRef('d.id', '=', 'm.department_id').onRef('d.workspace_id', '=', 'm.workspace_id'),
    )
    .where('m.workspace_id', '=', workspaceId)
    .select([
      'm.user_id',
      'm.name',
      'm.department_id',
      'd.name as department_name',
      'm.title',
      'm.manager_id',
      'm.timezone',
      'm.external_org',
      'm.is_bot',
      'm.is_admin',
      'm.admin_granted',
      'm.is_deactivated',
      'm.opted_out',
      'm.paused_until',
      'm.unreachable_since',
      'm.joined_at',
      'm.work_start_minute',
      'm.work_end_minute',
      'm.work_days',
      'm.nudges_enabled',
      'm.suggestions_enabled',
      'm.nudge_cadence_days',
    ]);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

function toMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    title: row.title,
    managerId: row.manager_id,
    timezone: row.timezone,
    externalOrg: row.external_org,
    isBot: row.is_bot,
    isAdmin: row.is_admin || row.admin_granted,
    adminGranted: row.admin_granted,
    isDeactivated: row.is_deactivated,
    optedOut: row.opted_out,
    pausedUntil: row.paused_until,
    unreachable: row.unreachable_since !== null,
    joinedAt: row.joined_at,
    workingHours: {
      startMinute: row.work_start_minute,
      endMinute: row.work_end_minute,
      days: row.work_days,
    },
    nudges: { enabled: row.nudges_enabled, cadenceDays: row.nudge_cadence_days },
    suggestions: row.suggestions_enabled,
  };
}

export function memberRepository(db: Kysely<Database>): MemberRepository {
  /** Changes a member's own columns, and when they changed. */
  const update = (workspaceId: string, userId: string, values: Updateable<MembersTable>) =>
    db
      .updateTable('members')
      .set({ ...values, updated_at: sql`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();

  return {
    async find(workspaceId, userId) {
      const row = await selectMembers(db, workspaceId)
        .where('m.user_id', '=', userId)
        .executeTakeFirst();
      return row ? toMember(row) : null;
    },
    async findMany(workspaceId, userIds) {
      if (userIds.length === 0) return [];
      const rows = await selectMembers(db, workspaceId).where('m.user_id', 'in', userIds).execute();
      return rows.map(toMember);
    },
    all: (workspaceId) => listMembers(db, workspaceId),
    async lockForUpdate(workspaceId, userId) {
      // FOR NO KEY UPDATE, not FOR UPDATE: a foreign key to this row (a kudos recipient, an
      // interaction) takes FOR KEY SHARE on it, which FOR UPDATE blocks; two givers thanking
      // each other would each wait for the other.
      const row = await selectMembers(db, workspaceId)
        .where('m.user_id', '=', userId)
        .forNoKeyUpdate('m')
        .executeTakeFirst();
      return row ? toMember(row) : null;
    },
    async examples(workspaceId, userId, limit) {
      // Active colleagues, people from other departments first: an example to follow.
      const me = await db
        .selectFrom('members')
        .select('department_id')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const rows = await selectMembers(db, workspaceId)
        .where('m.user_id', '<>', userId)
        .where('m.is_bot', '=', false)
        .where('m.is_deactivated', '=', false)
        .where('m.opted_out', '=', false)
        .where('m.external_org', 'is', null)
        .orderBy(
          sql`case when m.department_id is not distinct from ${me?.department_id ?? null} then 1 else 0 end`,
        )
        .orderBy('m.name')
        .limit(limit)
        .execute();
      return rows.map(toMember);
    },
    setOptedOut: (workspaceId, userId, optedOut) => setOptedOut(db, workspaceId, userId, optedOut),
    async setPausedUntil(workspaceId, userId, until) {
      await update(workspaceId, userId, { paused_until: until });
    },
    async setNudges(workspaceId, userId, nudges) {
      await update(workspaceId, userId, {
        nudges_enabled: nudges.enabled,
        nudge_cadence_days: nudges.cadenceDays,
      });
    },
    async setAdminGranted(workspaceId, userId, granted) {
      await update(workspaceId, userId, { admin_granted: granted });
    },
    async setSuggestions(workspaceId, userId, on) {
      await update(workspaceId, userId, { suggestions_enabled: on });
    },
    async setOwnDepartment(workspaceId, userId, department) {
      const departmentId = await ensureDepartment(db, workspaceId, department);
      await update(workspaceId, userId, {
        department_id: departmentId,
        department_source: 'member',
      });
      const row = await db
        .selectFrom('departments')
        .select('name')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', departmentId)
        .executeTakeFirstOrThrow();
      return row.name;
    },
  };
}

/** Everyone in a workspace's directory, by name. */
export async function listMembers(db: Kysely<Database>, workspaceId: string): Promise<Member[]> {
  const rows = await selectMembers(db, workspaceId).orderBy('m.name').execute();
  return rows.map(toMember);
}

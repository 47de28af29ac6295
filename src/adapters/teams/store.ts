import { sql, type Kysely } from 'kysely';
import type { Database } from '../../persistence/schema';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** Where the bot may speak, as Teams last told us: enough to post there without a request. */
export interface ConversationRef {
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string;
  /** The bot's own id there (28:…). */
  botId: string;
  /** The team a channel belongs to (its General channel has the team's id). */
  teamId: string | null;
  name: string | null;
  /** The person a personal chat is with. */
  userId: string | null;
}

/** How a person is addressed on Teams. */
export interface TeamsUser {
  /** The Entra object id: the member's id in Rapport. */
  userId: string;
  /** The bot's id for them (29:…), which mentions carry and a 1:1 chat is opened with. */
  teamsId: string;
  upn: string | null;
  email: string | null;
}

type Db = Kysely<Database>;

const toRef = (r: {
  conversation_id: string;
  kind: ConversationKind;
  service_url: string;
  bot_id: string;
  team_id: string | null;
  name: string | null;
  user_id: string | null;
}): ConversationRef => ({
  conversationId: r.conversation_id,
  kind: r.kind,
  serviceUrl: r.service_url,
  botId: r.bot_id,
  teamId: r.team_id,
  name: r.name,
  userId: r.user_id,
});

/** Conversation references and people's Teams ids, per tenant. */
export function teamsStore(db: Db) {
  const conversations = (workspaceId: string) =>
    db
      .selectFrom('teams_conversations')
      .select(['conversation_id', 'kind', 'service_url', 'bot_id', 'team_id', 'name', 'user_id'])
      .where('workspace_id', '=', workspaceId);

  return {
    /** Keeps a reference fresh; a conversation the bot hears from is one it is in again. */
    async remember(workspaceId: string, ref: ConversationRef): Promise<void> {
      const row = {
        kind: ref.kind,
        service_url: ref.serviceUrl,
        bot_id: ref.botId,
        team_id: ref.teamId,
        user_id: ref.userId,
        removed_at: null,
      };
      await db
        .insertInto('teams_conversations')
        .values({
          workspace_id: workspaceId,
          conversation_id: ref.conversationId,
          name: ref.name,
          ...row,
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'conversation_id']).doUpdateSet({
            ...row,
            name: sql`coalesce(${ref.name}, teams_conversations.name)`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    /** Rapport was removed from a chat, or from a team (every channel of it). */
    async removed(workspaceId: string, conversationId: string, teamId: string | null, at: Date) {
      await db
        .updateTable('teams_conversations')
        .set({ removed_at: at, updated_at: sql`now()` })
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          teamId
            ? eb.or([eb('conversation_id', '=', conversationId), eb('team_id', '=', teamId)])
            : eb('conversation_id', '=', conversationId),
        )
        .execute();
    },

    /** A conversation by id (a channel's id is its conversation id), removed or not. */
    async conversation(
      workspaceId: string,
      conversationId: string,
    ): Promise<(ConversationRef & { removed: boolean }) | null> {
      const row = await conversations(workspaceId)
        .select('removed_at')
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return row ? { ...toRef(row), removed: row.removed_at !== null } : null;
    },

    /** The personal chat with someone, if the bot has one. */
    async personal(
      workspaceId: string,
      userId: string,
    ): Promise<(ConversationRef & { removed: boolean }) | null> {
      const row = await conversations(workspaceId)
        .select('removed_at')
        .where('kind', '=', 'personal')
        .where('user_id', '=', userId)
        .orderBy('updated_at', 'desc')
        .executeTakeFirst();
      return row ? { ...toRef(row), removed: row.removed_at !== null } : null;
    },

    /** Forgets a personal chat Teams no longer knows, so that the next send opens a new one. */
    async forget(workspaceId: string, conversationId: string): Promise<void> {
      await db
        .deleteFrom('teams_conversations')
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', conversationId)
        .execute();
    },

    /** Where the tenant's Bot Connector is and who the bot is there: as last heard. */
    async latest(workspaceId: string): Promise<ConversationRef | null> {
      const row = await conversations(workspaceId)
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRef(row) : null;
    },

    /** The teams Rapport is installed in now, each with a reference to post in. */
    async teams(workspaceId: string): Promise<ConversationRef[]> {
      const rows = await conversations(workspaceId)
        .where('kind', '=', 'channel')
        .where('removed_at', 'is', null)
        .where('team_id', 'is not', null)
        .orderBy('updated_at', 'desc')
        .execute();
      const byTeam = new Map(rows.reverse().map((r) => [r.team_id, toRef(r)]));
      return [...byTeam.values()];
    },

    /** The channels Rapport is in now (or ever was: a removed one still has its name). */
    async channels(workspaceId: string, evenRemoved = false): Promise<ConversationRef[]> {
      const rows = await conversations(workspaceId)
        .where('kind', '=', 'channel')
        .$if(!evenRemoved, (q) => q.where('removed_at', 'is', null))
        .orderBy('name')
        .execute();
      return rows.map(toRef);
    },

    async rememberUsers(workspaceId: string, users: TeamsUser[]): Promise<void> {
      for (const u of users) {
        const row = { teams_id: u.teamsId, upn: u.upn, email: u.email };
        // A person's 29: id is fixed for this bot; a stale row with it (never expected) gives way.
        await db
          .deleteFrom('teams_users')
          .where('workspace_id', '=', workspaceId)
          .where('teams_id', '=', u.teamsId)
          .where('user_id', '<>', u.userId)
          .execute();
        await db
          .insertInto('teams_users')
          .values({ workspace_id: workspaceId, user_id: u.userId, ...row })
          .onConflict((oc) =>
            oc.columns(['workspace_id', 'user_id']).doUpdateSet({
              teams_id: u.teamsId,
              upn: sql`coalesce(${u.upn}, teams_users.upn)`,
              email: sql`coalesce(${u.email}, teams_users.email)`,
              updated_at: sql`now()`,
            }),
          )
          .execute();
      }
    },

    /** People by Rapport id or by Teams id; missing ones are unknown. */
    async users(
      workspaceId: string,
      ids: string[],
      by: 'userId' | 'teamsId' = 'userId',
    ): Promise<TeamsUser[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('teams_users')
        .select(['user_id', 'teams_id', 'upn', 'email'])
        .where('workspace_id', '=', workspaceId)
        .where(by === 'userId' ? 'user_id' : 'teams_id', 'in', ids)
        .execute();
      return rows.map((r) => ({
        userId: r.user_id,
        teamsId: r.teams_id,
        upn: r.upn,
        email: r.email,
      }));
    },
  };
}

export type TeamsStore = ReturnType<typeof teamsStore>;

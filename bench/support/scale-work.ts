/**
 * What the scale benchmark times and the query-plan test explains: every command, the Home
 * view and every job, through the code production runs.
 */
import { sql, type Kysely } from 'kysely';
import { createConversation, type Actor, type Conversation } from '../../src/core/conversation';
import type { CommandInput } from '../../src/core/conversation/commands';
import type { Database } from '../../src/persistence/schema';
import type { UseCases } from '../../src/services';
import { pictures } from '../../src/charts/pictures';
import { memberId } from './organisation';
import { KUDOS_CHANNEL, ROUND_CHANNEL, type SeededWorkspace } from './scale';

/** The conversation as the platforms drive it, with everyone already in the directory. */
export function benchConversation(useCases: UseCases): Conversation {
  return createConversation({
    useCases,
    directory: {
      ensureKnown: async () => undefined,
      departmentFields: async () => null,
      departmentFieldChanged: () => undefined,
    },
    pictures,
    typedPerson: (m) => `@${m.name}`,
    typedChannel: () => null,
  });
}

/** Every 160th member of a workspace (and its first) becomes an admin, for the admin commands. */
export async function makeAdmins(db: Kysely<Database>, workspaceId: string) {
  await db
    .updateTable('members')
    .set({ is_admin: true })
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`substr(user_id, 2)::int % 160 = 0`)
    .execute();
}

/** A deterministic stream of member numbers below `members`, so that runs are comparable. */
export function drawer(seed: number, members: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % members;
  };
}

/**
 * Every command and the Home view, each a function of the member (by number) who runs it;
 * admin ones pick an admin (every 160th member: see makeAdmins).
 */
export function scaleCommands(
  conversation: Conversation,
  workspace: Pick<SeededWorkspace, 'id' | 'members'>,
  draw: () => number,
): Array<[string, (i: number) => Promise<unknown>]> {
  const actor = (i: number, channelId: string | null = null): Actor => ({
    workspaceId: workspace.id,
    userId: memberId(i),
    channelId,
    requestId: `bench-${i}-${Math.random()}`,
  });
  /** `name text` where "@name" in text is a mention of member `other`. */
  const input = (name: string, text: string, other?: number): CommandInput => {
    const at = text.indexOf('@');
    const mention = `@Member ${other}`;
    const full = other === undefined ? text : text.replace('@', mention);
    return {
      name,
      text: full,
      mentions:
        other === undefined
          ? []
          : [{ start: at, end: at + mention.length, userId: memberId(other) }],
      channels: [],
    };
  };
  const other = (i: number) => (i + 1 + (draw() % (workspace.members - 1))) % workspace.members;
  const adminNumber = () => Math.floor(draw() / 160) * 160;

  return [
    [
      '/kudos @someone …',
      (i) =>
        conversation.command(
          actor(i, KUDOS_CHANNEL),
          input('kudos', '@ thanks for the review', other(i)),
        ),
    ],
    [
      '/followup @someone in 2 weeks',
      (i) => conversation.command(actor(i), input('followup', '@ in 2 weeks', other(i))),
    ],
    ['/followup list', (i) => conversation.command(actor(i), input('followup', 'list'))],
    ['/rapport me', (i) => conversation.command(actor(i), input('rapport', 'me'))],
    ['/rapport suggest', (i) => conversation.command(actor(i), input('rapport', 'suggest'))],
    ['/rapport home', (i) => conversation.command(actor(i), input('rapport', 'home'))],
    [
      '/rapport met @someone',
      (i) => conversation.command(actor(i), input('rapport', 'met @', other(i))),
    ],
    [
      '/rapport mentor @someone',
      (i) => conversation.command(actor(i), input('rapport', 'mentor @', other(i))),
    ],
    ['/rapport settings', (i) => conversation.command(actor(i), input('rapport', 'settings'))],
    [
      '/rapport nudges every 2 weeks',
      (i) => conversation.command(actor(i), input('rapport', 'nudges every 2 weeks')),
    ],
    [
      '/rapport suggestions',
      (i) => conversation.command(actor(i), input('rapport', 'suggestions')),
    ],
    [
      '/rapport skip (in the round channel)',
      (i) => conversation.command(actor(i, ROUND_CHANNEL), input('rapport', 'skip')),
    ],
    [
      '/rapport pause 2 weeks',
      (i) => conversation.command(actor(i), input('rapport', 'pause 2 weeks')),
    ],
    ['/rapport resume', (i) => conversation.command(actor(i), input('rapport', 'resume'))],
    [
      '/rapport department …',
      (i) => conversation.command(actor(i), input('rapport', 'department Department 3')),
    ],
    ['/rapport export', (i) => conversation.command(actor(i), input('rapport', 'export'))],
    [
      '/rapport forget-me (the question)',
      (i) => conversation.command(actor(i), input('rapport', 'forget-me')),
    ],
    ['/rapport help', (i) => conversation.command(actor(i), input('rapport', 'help'))],
    [
      '/rapport admin (admin)',
      () => conversation.command(actor(adminNumber()), input('rapport', 'admin')),
    ],
    [
      '/rapport rounds (admin)',
      () => conversation.command(actor(adminNumber()), input('rapport', 'rounds')),
    ],
    [
      '/rapport round (admin, in the round channel)',
      () => conversation.command(actor(adminNumber(), ROUND_CHANNEL), input('rapport', 'round')),
    ],
    [
      '/rapport deliveries (admin)',
      () => conversation.command(actor(adminNumber()), input('rapport', 'deliveries')),
    ],
    [
      '/rapport insights (admin, 12 weeks)',
      () => conversation.command(actor(adminNumber()), input('rapport', 'insights')),
    ],
    [
      '/rapport insights 52w (admin)',
      () => conversation.command(actor(adminNumber()), input('rapport', 'insights 52w')),
    ],
    ['Home view (member)', (i) => conversation.home(actor(i))],
    ['Home view (admin)', () => conversation.home(actor(adminNumber()))],
  ];
}

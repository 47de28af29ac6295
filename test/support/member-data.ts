import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import type { NewDelivery } from '../../src/core/domain/outbound';
import type { Db } from '../../src/persistence/database';
import { createRepositories } from '../../src/persistence/repositories';
import { ensureWorkspace, upsertMember } from '../../src/persistence/repositories/directory';

/**
 * Zelda, who asks for her data and to be forgotten, and the colleagues around her: a record
 * naming her in every place a member can be named, and records of the others, some of them
 * private, that her export must not show.
 */
export const ZED = {
  userId: 'U-ZED-4711',
  name: 'Zelda Forgetmenot',
  title: 'Chief Remembering Officer',
  department: 'Zeta Memory Unit',
  email: 'zelda.forgetmenot@contoso.test',
  upn: 'zelda.f@contoso.test',
  teamsId: '29:zelda-teams-4711',
  chat: 'a:zelda-personal-chat',
};
export const ANA = 'U-ANA-0001';
export const LI = 'U-LI-0002';
export const HAL = 'U-HAL-0003';
export const REY = 'U-REY-0004';

/** What belongs to others and must never be in Zelda's export. */
export const PRIVATE_OF_OTHERS = [
  ANA,
  LI,
  HAL,
  REY,
  'Hal Hidden',
  'Rey Report',
  'ANA-SECRET-TITLE',
  'Pacific/Chatham',
  'ana.private@contoso.test',
  '29:ana-teams',
  'HAL-PRIVATE-ABOUT',
  'LI-PRIVATE-ABOUT',
  'ANA-TO-LI-ONLY',
  '2026-06-06T06:06:06.000Z',
  'Ana Secret Team',
  'ana-insights-secret.png',
];

export const AT = {
  seeded: new Date('2026-09-01T09:00:00Z'),
  kudosZedGave: new Date('2026-05-01T10:00:00Z'),
  kudosZedGot: new Date('2026-05-02T10:00:00Z'),
  kudosOnlyZed: new Date('2026-05-03T10:00:00Z'),
  manualWithHal: new Date('2026-05-04T10:00:00Z'),
  othersInteraction: new Date('2026-06-06T06:06:06Z'),
  introAsked: new Date('2026-05-05T10:00:00Z'),
  introTarget: new Date('2026-05-06T10:00:00Z'),
  introMutual: new Date('2026-05-07T10:00:00Z'),
  roundSlot: new Date('2026-05-11T10:00:00Z'),
  satOutSlot: new Date('2026-05-18T10:00:00Z'),
  snoozeUntil: new Date('2026-08-01T00:00:00Z'),
};

export interface SeededOrganisation {
  workspaceId: string;
  kudos: { zedGave: string; zedGot: string; onlyZed: string; anaToLi: string };
  groupId: string;
}

const delivery = (d: NewDelivery) => d;

/** The organisation, with Zelda named in every table and column that can name a member. */
export async function seedEveryTable(db: Db): Promise<SeededOrganisation> {
  const workspaceId = await ensureWorkspace(db, {
    platform: 'teams',
    externalId: `tenant-${Math.random().toString(36).slice(2)}`,
    name: 'Contoso',
  });
  const repos = createRepositories(db);
  const at = AT.seeded;
  await upsertMember(db, workspaceId, {
    userId: ANA,
    name: 'Ana Silva',
    title: 'ANA-SECRET-TITLE',
    department: 'Ana Secret Team',
    timezone: 'Pacific/Chatham',
  });
  await upsertMember(db, workspaceId, { userId: LI, name: 'Li Wei', department: 'Engineering' });
  await upsertMember(db, workspaceId, { userId: HAL, name: 'Hal Hidden', department: 'Sales' });
  await upsertMember(db, workspaceId, {
    userId: ZED.userId,
    name: ZED.name,
    title: ZED.title,
    department: ZED.department,
    timezone: 'Pacific/Auckland',
    managerId: ANA,
  });
  await upsertMember(db, workspaceId, { userId: REY, name: 'Rey Report', managerId: ZED.userId });
  await repos.members.setNudges(workspaceId, ZED.userId, { enabled: false, cadenceDays: 77 });
  await db
    .insertInto('teams_users')
    .values([
      {
        workspace_id: workspaceId,
        user_id: ZED.userId,
        teams_id: ZED.teamsId,
        upn: ZED.upn,
        email: ZED.email,
      },
      {
        workspace_id: workspaceId,
        user_id: ANA,
        teams_id: '29:ana-teams',
        upn: 'ana.private@contoso.test',
        email: 'ana.private@contoso.test',
      },
    ])
    .execute();
  const file = (user_id: string, filename: string) => ({
    token_hash: `hash-of-${filename}`,
    workspace_id: workspaceId,
    user_id,
    filename,
    mime_type: 'application/octet-stream',
    content: Buffer.from(filename),
    expires_at: new Date('2030-01-01T00:00:00Z'),
  });
  await db
    .insertInto('file_links')
    .values([file(ZED.userId, 'rapport-export.json'), file(ANA, 'ana-insights-secret.png')])
    .execute();
  await db
    .insertInto('teams_conversations')
    .values([
      {
        workspace_id: workspaceId,
        conversation_id: ZED.chat,
        kind: 'personal',
        service_url: 'http://127.0.0.1/',
        bot_id: '28:bot',
        user_id: ZED.userId,
      },
      {
        workspace_id: workspaceId,
        conversation_id: 'a:ana-chat',
        kind: 'personal',
        service_url: 'http://127.0.0.1/',
        bot_id: '28:bot',
        user_id: ANA,
      },
    ])
    .execute();

  let sequence = 0;
  const kudos = async (giverId: string, recipientIds: string[], message: string, createdAt: Date) =>
    (await repos.kudos.insert(workspaceId, {
      giverId,
      recipientIds,
      message,
      values: ['teamwork'],
      channelId: 'C-KUDOS',
      sourceKey: `seed:kudos:${(sequence += 1)}`,
      createdAt,
    }))!.id;
  const zedGave = await kudos(ZED.userId, [LI], 'ZED-GAVE-THIS thanks @Li Wei', AT.kudosZedGave);
  const zedGot = await kudos(
    ANA,
    [ZED.userId, LI],
    `ANA-THANKS-BOTH thanks @${ZED.name} and @Li Wei`,
    AT.kudosZedGot,
  );
  const onlyZed = await kudos(LI, [ZED.userId], 'LI-THANKS-ZED-ALONE', AT.kudosOnlyZed);
  const anaToLi = await kudos(ANA, [LI], 'ANA-TO-LI-ONLY', AT.kudosOnlyZed);

  await repos.interactions.insertMany(workspaceId, [
    {
      memberId: ZED.userId,
      otherMemberId: LI,
      kind: 'cross_department',
      source: 'kudos',
      sourceRef: zedGave,
      occurredAt: AT.kudosZedGave,
    },
    {
      memberId: ANA,
      otherMemberId: ZED.userId,
      kind: 'manager_report',
      source: 'kudos',
      sourceRef: zedGot,
      occurredAt: AT.kudosZedGot,
    },
    // A meeting Hal recorded: the pair in order, so Hal's side comes first.
    {
      memberId: HAL,
      otherMemberId: ZED.userId,
      kind: 'cross_department',
      source: 'manual',
      sourceRef: 'day:2026-05-04',
      occurredAt: AT.manualWithHal,
    },
    {
      memberId: ANA,
      otherMemberId: LI,
      kind: 'cross_department',
      source: 'manual',
      sourceRef: 'day:2026-06-06',
      occurredAt: AT.othersInteraction,
    },
  ]);

  await repos.reminders.createMany(workspaceId, [
    {
      memberId: ZED.userId,
      otherId: LI,
      about: 'ZED-FOLLOWUP-ABOUT',
      dueAt: new Date('2026-09-10T09:00:00Z'),
      origin: 'manual',
      sourceRef: 'seed:zed',
      createdAt: at,
    },
    {
      memberId: HAL,
      otherId: ZED.userId,
      about: 'HAL-PRIVATE-ABOUT',
      dueAt: new Date('2026-09-11T09:00:00Z'),
      origin: 'manual',
      sourceRef: 'seed:hal',
      createdAt: at,
    },
    {
      memberId: LI,
      otherId: ANA,
      about: 'LI-PRIVATE-ABOUT',
      dueAt: new Date('2026-09-12T09:00:00Z'),
      origin: 'manual',
      sourceRef: 'seed:li',
      createdAt: at,
    },
  ]);

  const intro = (requesterId: string, targetId: string, mutualId: string | null, when: Date) =>
    repos.introductions.create(workspaceId, {
      requesterId,
      targetId,
      mutualId,
      origin: 'suggestion',
      sourceRef: `seed:${when.toISOString()}`,
      at: when,
    });
  await intro(ZED.userId, ANA, null, AT.introAsked);
  await intro(LI, ZED.userId, null, AT.introTarget);
  const mutual = await intro(ANA, LI, ZED.userId, AT.introMutual);
  await repos.introductions.update(workspaceId, mutual!.id, {
    status: 'asking_mutual',
    answeredAt: AT.introMutual,
  });

  await repos.mentorships.declare(workspaceId, {
    mentorId: ZED.userId,
    menteeId: LI,
    declaredBy: ZED.userId,
    at,
  });
  await repos.mentorships.declare(workspaceId, {
    mentorId: ANA,
    menteeId: ZED.userId,
    declaredBy: ANA,
    at,
  });

  const channel = await repos.rounds.saveChannel(workspaceId, {
    ...DEFAULT_ROUND_CHANNEL,
    channelId: 'C-COFFEE',
  });
  for (const userId of [ZED.userId, LI, ANA])
    await repos.rounds.setParticipant(workspaceId, channel.id, userId, { status: 'in' });
  const round = await repos.rounds.createRound(workspaceId, {
    roundChannelId: channel.id,
    slot: AT.roundSlot,
    checkinAt: AT.roundSlot,
    createdAt: AT.roundSlot,
    groups: [[ZED.userId, LI]],
    absences: [{ userId: ANA, reason: 'odd_one_out' }],
  });
  await repos.rounds.respond(workspaceId, round!.groupIds[0]!, ZED.userId, 'met', AT.roundSlot);
  await repos.rounds.setOutcome(round!.groupIds[0]!, 'met', AT.roundSlot);
  await repos.rounds.createRound(workspaceId, {
    roundChannelId: channel.id,
    slot: AT.satOutSlot,
    checkinAt: AT.satOutSlot,
    createdAt: AT.satOutSlot,
    groups: [[LI, ANA]],
    absences: [{ userId: ZED.userId, reason: 'alone' }],
  });

  await repos.suggestionSnoozes.snooze(workspaceId, ZED.userId, ANA, AT.snoozeUntil);
  await repos.suggestionSnoozes.snooze(workspaceId, HAL, ZED.userId, AT.snoozeUntil);
  await repos.suggestionSnoozes.snooze(workspaceId, LI, ANA, AT.snoozeUntil);
  // People to meet as worked out ahead of Home: hers, one naming her to meet, one through her.
  const list = (userId: string, mutualId: string | null) => [
    { userId, mutualId, mutualCount: mutualId ? 1 : 0 },
  ];
  await repos.memberSuggestions.put(workspaceId, ZED.userId, at, list(ANA, LI));
  await repos.memberSuggestions.put(workspaceId, HAL, at, list(ZED.userId, null));
  await repos.memberSuggestions.put(workspaceId, REY, at, list(LI, ZED.userId));
  await repos.memberSuggestions.put(workspaceId, LI, at, list(ANA, null));
  await repos.welcomes.schedule(workspaceId, ZED.userId, at, at);
  await repos.welcomes.schedule(workspaceId, LI, at, at);

  await repos.deliveries.enqueue(workspaceId, [
    // To Zelda: a note of the kudos she got.
    delivery({
      dedupeKey: `kudos:${zedGot}:to:${ZED.userId}`,
      target: { type: 'member', userId: ZED.userId },
      message: {
        kind: 'kudos_received',
        kudosId: zedGot,
        giverId: ANA,
        message: 'ANA-THANKS-BOTH',
        channelId: 'C-KUDOS',
      },
      availableAt: at,
    }),
    // To Li, about the kudos Zelda gave: it goes, from a former colleague.
    delivery({
      dedupeKey: `kudos:${zedGave}:to:${LI}`,
      target: { type: 'member', userId: LI },
      message: {
        kind: 'kudos_received',
        kudosId: zedGave,
        giverId: ZED.userId,
        message: 'ZED-GAVE-THIS thanks @Li Wei',
        channelId: 'C-KUDOS',
      },
      availableAt: at,
    }),
    // In the kudos channel: Li keeps the celebration, Zelda is taken off it.
    delivery({
      dedupeKey: `kudos:${zedGot}:post`,
      target: { type: 'channel', channelId: 'C-KUDOS' },
      message: {
        kind: 'kudos_post',
        kudosId: zedGot,
        giverId: ANA,
        recipientIds: [ZED.userId, LI],
        message: `ANA-THANKS-BOTH thanks @${ZED.name} and @Li Wei`,
        values: [],
      },
      availableAt: at,
    }),
    // Hal's reminder about Zelda: private to Hal, and about her.
    delivery({
      dedupeKey: `reminder:hal:0`,
      target: { type: 'member', userId: HAL },
      message: {
        kind: 'followup_reminder',
        reminderId: 'seed',
        version: 0,
        otherId: ZED.userId,
        about: 'HAL-PRIVATE-ABOUT',
        origin: 'manual',
        since: at.toISOString(),
      },
      availableAt: at,
    }),
    // A group of three: the other two still meet.
    delivery({
      dedupeKey: `round:seed:intro:0`,
      target: { type: 'group', userIds: [ZED.userId, LI, ANA] },
      message: {
        kind: 'round_intro',
        channelId: 'C-COFFEE',
        members: [ZED, { userId: LI, name: 'Li Wei' }, { userId: ANA, name: 'Ana Silva' }].map(
          (m) => ({ userId: m.userId, name: m.name, department: null, title: null }),
        ),
        starter: 'hello',
        sharedHours: null,
      },
      availableAt: at,
    }),
    // Li's own note, naming nobody else.
    delivery({
      dedupeKey: `kudos:${anaToLi}:to:${LI}`,
      target: { type: 'member', userId: LI },
      message: {
        kind: 'kudos_received',
        kudosId: anaToLi,
        giverId: ANA,
        message: 'ANA-TO-LI-ONLY',
        channelId: null,
      },
      availableAt: at,
    }),
  ]);
  // A message to Zelda that went out already.
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', finished_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', '=', `kudos:${zedGot}:to:${ZED.userId}`)
    .execute();
  await db
    .insertInto('delivery_pacing')
    .values([
      { workspace_id: workspaceId, bucket: `member:${ZED.userId}`, next_free_at: at },
      { workspace_id: workspaceId, bucket: `member:${LI}`, next_free_at: at },
    ])
    .execute();
  return {
    workspaceId,
    kudos: { zedGave, zedGot, onlyZed, anaToLi },
    groupId: round!.groupIds[0]!,
  };
}

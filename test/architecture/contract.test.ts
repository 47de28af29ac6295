import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { memberFromSlackUser } from '../../src/adapters/slack/directory';
import { renderCard } from '../../src/adapters/slack/render';
import { demoClock } from '../../src/adapters/shell/demo-clock';
import { localAdapter } from '../../src/adapters/shell/local-adapter';
import { createShellSession, type Shown } from '../../src/adapters/shell/session';
import { createLogger } from '../../src/logger';
import type { Db } from '../../src/persistence/database';
import {
  ensureWorkspace,
  saveSettings,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import { listMembers } from '../../src/persistence/repositories/members';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { acmeUsers, DEPARTMENT_FIELD, TEAM_ID } from '../support/slack-team';

// Wednesday 14:00 UTC: working hours in London, Paris and New York, so DMs go out at once.
const AT = '2026-12-02T14:00:00Z';
const KUDOS_CHANNEL = 'CKUDOS';

/** Ids differ between two databases: what matters is the rest. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const normal = (value: unknown) => JSON.parse(JSON.stringify(value).replace(UUID, '<id>'));
const sorted = (items: unknown[]) => items.map((i) => JSON.stringify(normal(i))).sort();

/** One step of the script, as a person types it in each place. */
interface Step {
  /** The line typed in the demo (as Ana). */
  demo: string;
  slack: { command: string; text: string; user?: string };
}

const said = (command: string, text: string, demo?: string): Step => ({
  demo: demo ?? `${command} ${text.replace(/<@(\w+)\|\w+>/g, '@$1')}`,
  slack: { command, text },
});

const SCRIPT: Step[] = [
  said('/kudos', '<@ULI|li> <@USAM|sam> thanks for the review #teamwork'),
  said('/rapport', 'values'),
  said('/followup', '<@ULI|li> in 3 days about the plan'),
  said('/followup', '<@USAM|sam> about the budget'),
  said('/followup', 'cancel 2'),
  said('/rapport', 'met <@USAM|sam>'),
  said('/rapport', 'met <@USAM|sam>'),
  said('/rapport', 'me'),
  said('/rapport', 'nudges every 4 weeks'),
  said('/rapport', 'frobnicate'),
  said('/kudos', '<!here> thanks', '/kudos @here thanks'),
  said('/kudos', 'thanks <@ULI|li> for nothing at all', '/kudos thanks @ULI for nothing at all'),
  said('/rapport', 'suggest'),
  said('/rapport', 'settings'),
  said('/rapport', 'mentee <@USAM|sam>'),
  said('/rapport', 'optout'),
  said('/followup', 'list'),
  said('/rapport', 'optin'),
  said('/rapport', 'optin'),
  said('/followup', 'list'),
];

/** The tables a conversation writes, without ids, times of writing or workspaces. */
async function state(db: Db) {
  const rows = async (query: Promise<unknown[]>) => sorted(await query);
  return {
    kudos: await rows(
      db.selectFrom('kudos').select(['giver_id', 'message', 'channel_id']).execute(),
    ),
    recipients: await rows(db.selectFrom('kudos_recipients').select(['recipient_id']).execute()),
    interactions: await rows(
      db
        .selectFrom('interactions')
        .select(['member_id', 'other_member_id', 'kind', 'source'])
        .execute(),
    ),
    reminders: await rows(
      db
        .selectFrom('reminders')
        .select(['member_id', 'other_member_id', 'about', 'status', 'due_at', 'origin'])
        .execute(),
    ),
    mentorships: await rows(
      db.selectFrom('mentorships').select(['mentor_id', 'mentee_id', 'declared_by']).execute(),
    ),
    members: await rows(
      db
        .selectFrom('members')
        .select(['user_id', 'opted_out', 'paused_until', 'nudges_enabled', 'nudge_cadence_days'])
        .execute(),
    ),
    deliveries: await rows(
      db
        .selectFrom('deliveries')
        .select([
          sql<string>`regexp_replace(dedupe_key, ':[0-9]{10,}$', '')`.as('key'),
          'target',
          'message',
          'status',
        ])
        .execute(),
    ),
  };
}

/** What Slack was sent for one step: answers at the command's response_url and posts. */
function slackSaw(app: SlackTestApp, path: string, postsBefore: number) {
  const answers = app.fake.responses.filter((r) => r.path === path).map((r) => r.body);
  const posts = app.fake
    .callsTo('chat.postMessage')
    .slice(postsBefore)
    .map((c) => ({ channel: c.args.channel, text: c.args.text, blocks: c.args.blocks }));
  return { answers, posts };
}

/** What the demo's neutral cards would be on Slack, drawn by Slack's renderer. */
function drawnForSlack(cards: Shown[]) {
  const answers: unknown[] = [];
  const posts: unknown[] = [];
  for (const shown of cards) {
    if (shown.to === 'private')
      answers.push({ response_type: 'ephemeral', ...renderCard(shown.card) });
    else if (shown.to === 'public')
      answers.push({ response_type: 'in_channel', ...renderCard(shown.card) });
    else if (shown.to === 'delivered') {
      const t = shown.target;
      const channel = t.type === 'member' ? t.userId : t.type === 'channel' ? t.channelId : '';
      const drawn = renderCard(shown.card);
      posts.push({ channel, text: drawn.text, blocks: drawn.blocks });
    }
  }
  return { answers, posts };
}

describe(`one script through the demo and through Slack (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let demoDb: TestDatabase;

  beforeAll(async () => {
    app = await SlackTestApp.start({ clock: fixedClock(AT) });
    await app.directorySynced();
    await saveSettings(app.db, await app.workspaceId(), { kudosChannelId: KUDOS_CHANNEL });

    demoDb = await openTestDatabase();
    const workspaceId = await ensureWorkspace(demoDb.db, {
      platform: 'local',
      externalId: 'contract',
      name: 'Acme',
    });
    await saveSettings(demoDb.db, workspaceId, { kudosChannelId: KUDOS_CHANNEL });
    for (const user of acmeUsers())
      await upsertMember(
        demoDb.db,
        workspaceId,
        memberFromSlackUser(user, TEAM_ID, DEPARTMENT_FIELD),
      );
  });
  afterAll(async () => {
    await app?.close();
    await demoDb?.close();
  });

  it('gives the same neutral replies and leaves the same records on both', async () => {
    const workspaceId = (
      await demoDb.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()
    ).id;
    const ana = (await listMembers(demoDb.db, workspaceId)).find((m) => m.userId === 'UANA')!;
    const demo = createShellSession(
      localAdapter({
        db: demoDb.db,
        workspaceId,
        logger: createLogger('silent'),
        clock: demoClock(() => new Date(AT)),
        channel: 'CGENERAL',
        roundChannel: 'CCOFFEE',
        sessionKey: 'contract',
        filesDir: path.join(tmpdir(), 'rapport-contract-files'),
      }),
      ana,
    );
    await app.quiet();

    for (const step of SCRIPT) {
      const fromDemo = await demo.handle(step.demo);
      // Every step says something: two silences would compare equal and prove nothing.
      expect({ step: step.demo, said: fromDemo.cards.length > 0 }).toEqual({
        step: step.demo,
        said: true,
      });
      const postsBefore = app.fake.callsTo('chat.postMessage').length;
      const sent = await app.command(step.slack.command, step.slack.text, {
        ...(step.slack.user && { user: step.slack.user }),
      });
      const expected = drawnForSlack(fromDemo.cards);
      await app.fake.waitFor(() => sent.replies().length >= expected.answers.length || undefined);
      await app.slack.idle();
      await app.queue!.settled();
      const got = slackSaw(app, sent.responsePath, postsBefore);
      expect({ step: step.demo, answers: normal(got.answers) }).toEqual({
        step: step.demo,
        answers: normal(expected.answers),
      });
      expect({ step: step.demo, posts: sorted(got.posts) }).toEqual({
        step: step.demo,
        posts: sorted(expected.posts),
      });
    }

    // A button, pressed in each place by the person it was sent to: Sam undoes the mentorship.
    const undoDemo = (await demo.handle('/as sam')).output;
    const number = /\[(\d+)\] Undo/.exec(undoDemo)?.[1];
    expect(number).toBeDefined();
    const pressedDemo = await demo.handle(`/press ${number}`);
    const dm = app.fake
      .callsTo('chat.postMessage')
      .find(
        (c) =>
          c.args.channel === 'USAM' && JSON.stringify(c.args.blocks).includes('mentorship_undo'),
      );
    const value = JSON.stringify(dm!.args.blocks).match(
      /"action_id":"mentorship_undo","value":"([^"]+)"/,
    )?.[1];
    const pressedSlack = await app.press('USAM', 'mentorship_undo', value!, {
      message: { type: 'message', ts: '1.1', text: '' },
    });
    const updated = pressedDemo.cards.find((c) => c.to === 'updated');
    if (updated?.to !== 'updated') throw new Error('the demo did not update the pressed message');
    expect(normal(pressedSlack)).toEqual(
      normal({ replace_original: true, ...renderCard(updated.card) }),
    );

    const records = await state(demoDb.db);
    expect(await state(app.db)).toEqual(records);
    // The script left something in each place a conversation writes.
    for (const table of ['kudos', 'interactions', 'reminders', 'deliveries'] as const)
      expect({ table, rows: records[table].length > 0 }).toEqual({ table, rows: true });
  });
});

import { mrkdwn, renderCard } from '../../src/adapters/slack/render';
import { channel, date, text } from '../../src/core/conversation/text';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import { adminsOnly, note } from '../../src/core/messages/common';
import { kudosPrompt } from '../../src/core/messages/kudos';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { tick } from '../../src/scheduler/coordinator';
import { kudosDigestJob, kudosPromptJob } from '../../src/scheduler/jobs/kudos';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';

describe(`the weekly kudos prompt and digest on Slack (${databaseLabel})`, () => {
  // Wednesday 25 November 2026, midday in London.
  const clock = movingClock('2026-11-25T12:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;
  let workspaceId: string;

  beforeAll(async () => {
    // The test drives the queue itself, on its own clock.
    app = await SlackTestApp.start({ clock, queue: false });
    await app.directorySynced();
    workspaceId = await app.workspaceId();
    queue = slackQueue(app, clock, 'kudos-jobs-test');
    queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
  });

  const sentTo = (channel: string) => app.fake.messages.filter((m) => m.channel === channel);

  it('asks "who helped you this week?" in the kudos channel at the set hour, once', async () => {
    await saveSettings(app.db, workspaceId, {
      kudosChannelId: 'CKUDOS',
      timezone: 'Europe/London',
      kudosPrompt: { enabled: true, weekday: 5, hour: 15 },
    });
    clock.set('2026-11-27T14:59:00Z');
    expect(await tick(app.jobContext(), [kudosPromptJob], 'replica')).toEqual([]);
    clock.set('2026-11-27T15:00:30Z');
    const ran = await tick(app.jobContext(), [kudosPromptJob], 'replica');
    expect(ran.map((r) => r.outcome)).toEqual([{ queued: 1 }]);
    await queue.settled();
    expect(await tick(app.jobContext(), [kudosPromptJob], 'replica')).toEqual([]);
    const posted = sentTo('CKUDOS');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe('Who helped you this week?');
    const call = app.fake.callsTo('chat.postMessage').at(-1)!;
    // The core's prompt as Slack draws it: how to give kudos, and the workspace's values.
    expect(call.args.blocks).toEqual(renderCard(kudosPrompt([...DEFAULT_KUDOS_VALUES])).blocks);
    expect(JSON.stringify(call.args.blocks)).toContain('`/kudos @name thanks for …`');
  });

  it('sums up the week in a digest: who was celebrated, which values, which departments', async () => {
    await saveSettings(app.db, workspaceId, {
      kudosChannelId: 'CKUDOS',
      timezone: 'Europe/London',
      kudosDigest: { enabled: true, weekday: 1, hour: 9 },
    });
    clock.set('2026-11-25T12:00:00Z');
    const give = async (user: string, text: string) =>
      (await app.command('/kudos', text, { user, channel: 'CTEAM' })).reply();
    await give('UANA', '<@ULI> <@USAM> thanks for the migration #ownership');
    await give('UPRIYA', '<@ULI> thanks for the forecast help #teamwork');
    await give('UBEN', '<@UANA> thanks for the roadmap #ownership');
    await queue.settled();
    await app.quiet();

    clock.set('2026-11-30T09:00:30Z');
    const ran = await tick(app.jobContext(), [kudosDigestJob], 'replica');
    expect(ran.map((r) => r.outcome)).toEqual([{ queued: 1 }]);
    await queue.settled();
    const digest = sentTo('CKUDOS').at(-1)!;
    expect(digest.text).toBe('This week in kudos: 3 kudos');
    const blocks = JSON.stringify(app.fake.callsTo('chat.postMessage').at(-1)!.args.blocks);
    expect(blocks).toContain('3 kudos from 3 people');
    expect(blocks).toContain('<@ULI> ×2, <@UANA>, <@USAM>');
    expect(blocks).toContain('#ownership ×2 · #teamwork ×1');
    expect(blocks).toContain('Finance → Engineering ×1');
    expect(blocks).toContain('Product → Engineering ×2');
  });

  it('shows admins what could not be sent, and why', async () => {
    await saveSettings(app.db, workspaceId, { kudosChannelId: 'CARCHIVED' });
    app.fake.fail('chat.postMessage', { error: 'is_archived' });
    clock.set('2026-12-04T15:00:30Z');
    expect(
      (await tick(app.jobContext(), [kudosPromptJob], 'replica')).map((r) => r.outcome),
    ).toEqual([{ queued: 1 }]);
    await queue.settled();

    const report = (await (await app.command('/rapport', 'deliveries', { user: 'UANA' })).reply())
      .body;
    expect(report.response_type).toBe('ephemeral');
    const shown = JSON.stringify(report.blocks);
    expect(shown).toContain('1 could not be sent');
    // When, what, where, and Slack's reason, on the day it failed in the admin's calendar.
    const failed = await app.db
      .selectFrom('deliveries')
      .select('finished_at')
      .where('status', '=', 'dead')
      .executeTakeFirstOrThrow();
    expect(shown).toContain(
      mrkdwn(
        text(
          '• ',
          date(failed.finished_at!, 'Asia/Singapore', 'short'),
          ' kudos prompt in ',
          channel('CARCHIVED'),
          ': is_archived',
        ),
      ),
    );
    const refused = (await (await app.command('/rapport', 'deliveries', { user: 'ULI' })).reply())
      .body;
    expect(refused).toMatchObject({
      response_type: 'ephemeral',
      ...renderCard(note(adminsOnly())),
    });
  });
});

import { ADMINS_ONLY } from '../../src/core/use-cases/admin-settings';
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
    app = await SlackTestApp.start({ clock });
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
    expect(JSON.stringify(call.args.blocks)).toContain('/kudos @name thanks for … #value');
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
    await tick(app.jobContext(), [kudosPromptJob], 'replica');
    await queue.settled();

    const report = (await (await app.command('/rapport', 'deliveries', { user: 'UANA' })).reply())
      .body;
    expect(report.response_type).toBe('ephemeral');
    const text = JSON.stringify(report.blocks);
    expect(text).toContain('1 could not be sent');
    expect(text).toContain('kudos prompt in <#CARCHIVED>: `is_archived`');
    const refused = (await (await app.command('/rapport', 'deliveries', { user: 'ULI' })).reply())
      .body;
    expect(refused.text).toBe(ADMINS_ONLY);
  });
});

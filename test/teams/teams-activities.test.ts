import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type TurnContext } from '@microsoft/agents-hosting';
import { FakeConnector } from '../support/fake-connector';
import { TeamsActivities } from '../support/teams-activities';
import { teamsFixture } from '../support/teams-fixture';
import { forgedToken, malformedToken, postActivity } from '../support/teams-requests';

/**
 * A bot of a few lines on the SDK's CloudAdapter, to show that the SDK takes what the builders
 * make and that its answers reach the fake connector the activities point at.
 */
async function startBot(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = {
        method: req.method,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      const response = Object.assign(res, {
        status: (code: number) => ((res.statusCode = code), response),
        send: (body: unknown) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(body));
        },
      });
      let authorized = false;
      await adapter.authorizeRequest(request as any, response as any, () => (authorized = true));
      if (authorized) await adapter.process(request as any, response as any, logic);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Teams activity builders', () => {
  const fx = teamsFixture();
  const { ana, li, priya } = fx.people;
  let fake: FakeConnector;
  let teams: TeamsActivities;
  let bot: Awaited<ReturnType<typeof startBot>>;
  const received: Activity[] = [];

  beforeAll(async () => {
    fake = await FakeConnector.start();
    fake.roster.addFixture(fx);
    teams = new TeamsActivities(fx, fake.serviceUrl);
    // No client id: the anonymous development mode RAPPORT_TEAMS_ANONYMOUS serves.
    const adapter = new CloudAdapter({});
    bot = await startBot(adapter, async (context) => {
      received.push(context.activity);
      if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action')
        await context.sendActivity(
          Activity.fromObject({
            type: 'invokeResponse',
            value: {
              status: 200,
              body: {
                statusCode: 200,
                type: 'application/vnd.microsoft.activity.message',
                value: 'Done',
              },
            },
          }),
        );
      else if (context.activity.type === 'message')
        await context.sendActivity(`heard: ${context.activity.removeRecipientMention() ?? ''}`);
    });
  });
  afterAll(async () => {
    await bot?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    received.length = 0;
  });

  it('builds messages the SDK takes, whose replies reach the fake in the right conversation', async () => {
    const messages = [
      teams.personalMessage(li, 'kudos for the billing migration'),
      teams.channelMessage(ana, ['kudos ', li, ' and ', priya, ' for untangling billing'], {
        channel: fx.team.kudos,
      }),
      teams.groupChatMessage(priya, 'who should I meet?'),
    ];
    for (const message of messages) expect((await postActivity(bot.url, message)).status).toBe(200);

    const replies = messages.map((m) => fake.activitiesIn(m.conversation.id));
    expect(replies.map((r) => r.map((s) => s.activity.text))).toEqual([
      ['heard: kudos for the billing migration'],
      ['heard: kudos <at>Li Wei</at> and <at>Priya Natarajan</at> for untangling billing'],
      ['heard: who should I meet?'],
    ]);
    // In a turn the SDK answers as a reply to the activity it received.
    expect(replies.map((r) => r[0]!.replyToId)).toEqual(messages.map((m) => m.id));
    expect(fake.activitiesIn(fx.team.kudos.id)).toHaveLength(1);
  });

  it('writes mentions as Teams does: <at> tags in the text, a mention entity each, clientInfo', () => {
    const post = teams.channelMessage(ana, ['kudos ', li], { timezone: 'Europe/Berlin' });
    expect(post.text).toBe('<at>Rapport</at> kudos <at>Li Wei</at>\n');
    expect(post.entities).toEqual([
      { type: 'mention', text: '<at>Rapport</at>', mentioned: { id: fx.bot.id, name: 'Rapport' } },
      { type: 'mention', text: '<at>Li Wei</at>', mentioned: { id: li.id, name: 'Li Wei' } },
      expect.objectContaining({ type: 'clientInfo', timezone: 'Europe/Berlin' }),
    ]);
    expect(post.conversation).toEqual({
      isGroup: true,
      conversationType: 'channel',
      tenantId: fx.tenantId,
      id: `${fx.team.general.id};messageid=${post.id}`,
    });
    expect(post.channelData).toEqual({
      teamsChannelId: fx.team.general.id,
      teamsTeamId: fx.team.id,
      channel: { id: fx.team.general.id },
      team: { id: fx.team.id },
      tenant: { id: fx.tenantId },
    });
    expect(Activity.fromObject(post).getMentions(Activity.fromObject(post))).toHaveLength(2);
  });

  it('gives every activity a fresh id and timestamp unless given', () => {
    const [a, b] = [teams.personalMessage(li, 'x'), teams.personalMessage(li, 'x')];
    expect(a.id).not.toBe(b.id);
    expect(Date.parse(a.timestamp)).toBeLessThanOrEqual(Date.now());
    const fixed = teams.botAddedToTeam(ana, { id: 'f:fixed', timestamp: new Date(0) });
    expect([fixed.id, fixed.timestamp]).toEqual(['f:fixed', '1970-01-01T00:00:00.000Z']);
  });

  it('builds install and membership events the SDK takes', async () => {
    const events = [
      teams.botAddedToTeam(ana),
      teams.usersAddedToTeam(ana, [priya]),
      teams.membersRemovedFromTeam(ana, [li]),
      teams.membersRemovedFromTeam(ana, [fx.bot]),
      teams.botAddedToPersonalChat(li),
      teams.installationUpdate(ana, 'add', 'team'),
      teams.installationUpdate(li, 'remove', 'personal'),
    ];
    for (const event of events) expect((await postActivity(bot.url, event)).status).toBe(200);
    expect(received.map((a) => [a.type, a.channelData?.eventType ?? a.action])).toEqual([
      ['conversationUpdate', 'teamMemberAdded'],
      ['conversationUpdate', 'teamMemberAdded'],
      ['conversationUpdate', 'teamMemberRemoved'],
      ['conversationUpdate', 'teamMemberRemoved'],
      ['conversationUpdate', undefined],
      ['installationUpdate', 'add'],
      ['installationUpdate', 'remove'],
    ]);
    expect(received[0]!.membersAdded).toEqual([{ id: fx.bot.id }]);
    expect(received[0]!.conversation!.id).toBe(fx.team.general.id);
  });

  it('builds an Action.Execute invoke whose response comes back in the HTTP answer', async () => {
    const card = teams.cardAction(li, {
      verb: 'intro.accept',
      data: { introId: 'i1' },
      replyToId: '1700000000001',
    });
    const answer = await postActivity(bot.url, card);
    expect(answer).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done' },
    });
    expect(received[0]!.value).toEqual({
      action: { type: 'Action.Execute', verb: 'intro.accept', data: { introId: 'i1' } },
      trigger: 'manual',
    });
    expect(received[0]!.replyToId).toBe('1700000000001');
  });

  it('builds an Action.Submit press: a message with a value and no text', async () => {
    const submit = teams.cardSubmit(
      li,
      { data: { action: 'followup.done', id: 'r1' }, replyToId: '1700000000002' },
      { in: 'channel', channel: fx.team.kudos },
    );
    await postActivity(bot.url, submit);
    expect(received[0]).toMatchObject({
      type: 'message',
      value: { action: 'followup.done', id: 'r1' },
      replyToId: '1700000000002',
      conversation: { id: `${fx.team.kudos.id};messageid=1700000000002` },
    });
    expect(received[0]!.text).toBeUndefined();
  });
});

describe('Bot Framework authentication, against forged tokens', () => {
  const fx = teamsFixture();
  let fake: FakeConnector;
  let teams: TeamsActivities;
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    fake = await FakeConnector.start();
    fake.roster.addFixture(fx);
    teams = new TeamsActivities(fx, fake.serviceUrl);
    const adapter = new CloudAdapter({
      clientId: fx.bot.appId,
      clientSecret: 'never-used',
      tenantId: fx.tenantId,
    });
    bot = await startBot(adapter, async (context) => {
      await context.sendActivity('should not happen');
    });
  });
  afterAll(async () => {
    await bot?.close();
    await fake?.close();
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', malformedToken()],
    ['a token for another bot', forgedToken({ audience: 'another-app-id' })],
    ['an expired token', forgedToken({ audience: 'app', expiresIn: -3600 })],
  ])('answers 401 to %s', async (_label, token) => {
    const answer = await postActivity(bot.url, teams.personalMessage(fx.people.li, 'hi'), {
      ...(token !== undefined && { token }),
    });
    expect(answer.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it("answers 401 to a token for this bot signed with a key that is not Microsoft's", async () => {
    const token = forgedToken({ audience: fx.bot.appId, serviceUrl: fake.serviceUrl });
    const answer = await postActivity(bot.url, teams.personalMessage(fx.people.li, 'hi'), {
      token,
    });
    expect(answer.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });
});

import { CloudAdapter, HttpError, type TurnContext } from '@microsoft/agents-hosting';
import { FakeConnector } from '../support/fake-connector';
import { personalConversationId, teamsFixture } from '../support/teams-fixture';

/**
 * What a proactive sender (the delivery queue's Teams side) sees when the connector refuses a
 * send made through adapter.continueConversation, as DESIGN.md suggests making it.
 */
describe('proactive sends through the SDK, against the fake connector', () => {
  const fx = teamsFixture();
  const { li } = fx.people;
  let fake: FakeConnector;
  let adapter: CloudAdapter;
  const identity = CloudAdapter.createIdentity('');

  const reference = (activityId?: string) => ({
    channelId: 'msteams',
    serviceUrl: fake.serviceUrl,
    conversation: {
      id: personalConversationId(li.id),
      conversationType: 'personal',
      tenantId: fx.tenantId,
      isGroup: false,
    },
    agent: { id: fx.bot.id, name: fx.bot.name },
    user: { id: li.id, aadObjectId: li.aadObjectId },
    ...(activityId && { activityId }),
  });

  const send = (text: string) => async (context: TurnContext) => {
    await context.sendActivity(text);
  };

  beforeAll(async () => {
    fake = await FakeConnector.start();
    fake.roster.addFixture(fx);
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake.reset();
    adapter = new CloudAdapter({});
  });

  it('posts as a reply to the reference activity, or to a random id when it has none', async () => {
    await adapter.continueConversation(identity, reference('1700000000005'), send('one'));
    await adapter.continueConversation(identity, reference(), send('two'));
    expect(fake.calls.map((c) => [c.route, c.activityId])).toEqual([
      ['replyToActivity', '1700000000005'],
      ['replyToActivity', expect.stringMatching(/^[0-9a-f-]{36}$/)],
    ]);
    expect(fake.sentTo(li.aadObjectId).map((s) => s.activity.text)).toEqual(['one', 'two']);
  });

  it("swallows a failed send by default: onTurnError posts the SDK's apology instead", async () => {
    fake.fail('replyToActivity', { status: 429, retryAfter: 3 });
    await expect(
      adapter.continueConversation(identity, reference(), send('Your intro')),
    ).resolves.toBeUndefined();
    expect(fake.sentTo(li.aadObjectId).map((s) => s.activity.text)).toEqual([
      'The agent encountered an error or bug.',
      'To continue to run this agent, please fix the source code.',
    ]);
  });

  it('hands the HttpError to a sender that catches inside the callback', async () => {
    fake.fail('replyToActivity', { status: 429, retryAfter: 3 });
    let caught: unknown;
    await adapter.continueConversation(identity, reference(), async (context) => {
      try {
        await context.sendActivity('Your intro');
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(HttpError);
    const error = caught as HttpError;
    expect([error.status, error.response.headers.get('retry-after')]).toEqual([429, '3']);
    expect(fake.sentTo(li.aadObjectId)).toEqual([]);
  });

  it('rejects continueConversation when onTurnError rethrows', async () => {
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    fake.fail('replyToActivity', { status: 403 });
    const error: any = await adapter
      .continueConversation(identity, reference(), send('Your intro'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect([error.status, error.response.data.error.code]).toEqual([
      403,
      'ConversationBlockedByUser',
    ]);
  });
});

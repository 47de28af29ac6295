import { Activity } from '@microsoft/agents-activity';
import { ConnectorClient, HttpError } from '@microsoft/agents-hosting';
import { FakeConnector } from '../support/fake-connector';
import { personalConversationId, teamsFixture, teamsUsers } from '../support/teams-fixture';

/**
 * The fake answers what the Agents SDK's ConnectorClient sends, and fails the way Teams does,
 * read back the way the adapter's sender will read it.
 */
describe('fake Bot Connector, driven by the SDK', () => {
  const fx = teamsFixture();
  const { li, sam, priya } = fx.people;
  let fake: FakeConnector;
  let client: ConnectorClient;

  beforeAll(async () => {
    fake = await FakeConnector.start();
    fake.roster.addFixture(fx);
    // An empty token: the client sends no Authorization header, as an anonymous bot does.
    client = ConnectorClient.createClientWithToken(fake.serviceUrl, '');
  });
  afterAll(() => fake?.close());
  beforeEach(() => fake.reset());

  const message = (text: string) =>
    Activity.fromObject({ type: 'message', text, channelId: 'msteams' });

  /** The parameters Teams wants for a 1:1 chat; `bot` is the wire's name for the SDK's `agent`. */
  const oneToOne = (userId: string, tenantId = fx.tenantId) =>
    ({
      isGroup: false,
      bot: { id: fx.bot.id, name: fx.bot.name },
      members: [{ id: userId }],
      channelData: { tenant: { id: tenantId } },
      tenantId,
    }) as any;

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );

  it('creates a 1:1 chat, the same one each time, and takes activities into it', async () => {
    const first = await client.createConversation(oneToOne(li.id));
    const again = await client.createConversation(oneToOne(`8:orgid:${li.aadObjectId}`));
    expect(first.id).toBe(personalConversationId(li.id));
    expect(again.id).toBe(first.id);

    const sent = await client.sendToConversation(first.id, message('Kudos from Ana!'));
    expect(sent.id).toMatch(/^\d{13,}$/);
    expect(fake.sentTo(li.aadObjectId).map((s) => s.activity.text)).toEqual(['Kudos from Ana!']);
    expect(fake.sentTo(sam.aadObjectId)).toEqual([]);

    const [create] = fake.callsTo('createConversation');
    expect(create).toMatchObject({ method: 'POST', path: 'v3/conversations', authorization: null });
    expect(create!.body).toMatchObject({ members: [{ id: li.id }], channelData: { tenant: {} } });
  });

  it('sends ConversationParameters as given: the SDK does not rename `agent` to `bot`', async () => {
    await client.createConversation({
      ...oneToOne(li.id),
      bot: undefined,
      agent: { id: fx.bot.id },
    });
    const [create] = fake.callsTo('createConversation');
    expect(create!.body.agent).toEqual({ id: fx.bot.id });
    expect(create!.body.bot).toBeUndefined();
  });

  it('creates a 1:1 chat with its first message, and refuses what Teams refuses', async () => {
    const created = await client.createConversation({
      ...oneToOne(priya.id),
      activity: message('Welcome to Rapport'),
    });
    expect(created.activityId).toBe(fake.sentTo(priya.aadObjectId)[0]!.id);

    const refusals = await Promise.all([
      failureOf(
        client.createConversation({ ...oneToOne(li.id), tenantId: undefined, channelData: {} }),
      ),
      failureOf(
        client.createConversation({ ...oneToOne(li.id), members: [{ id: li.id }, { id: sam.id }] }),
      ),
      failureOf(client.createConversation(oneToOne('29:1somebody-else'))),
      // Teams does not create chats from an email address or principal name.
      failureOf(client.createConversation(oneToOne(li.userPrincipalName))),
      failureOf(client.createConversation(oneToOne(li.id, teamsFixture('fabrikam').tenantId))),
    ]);
    expect(refusals.map((e: any) => [e.status, e.response.data.error.code])).toEqual([
      [400, 'BadSyntax'],
      [400, 'BadArgument'],
      [400, 'BadArgument'],
      [400, 'BadArgument'],
      [400, 'BadArgument'],
    ]);
  });

  it('starts a channel thread, replies in it, updates and deletes the reply', async () => {
    const thread = await client.createConversation({
      isGroup: true,
      channelData: { channel: { id: fx.team.kudos.id } },
      activity: message('This week: meet someone from Finance'),
    } as any);
    expect(thread.id).toBe(`${fx.team.kudos.id};messageid=${thread.activityId}`);

    const reply = await client.replyToActivity(thread.id, thread.activityId, message('Matched!'));
    await client.updateActivity(thread.id, reply.id, message('Matched: Li and Priya'));
    expect(fake.activitiesIn(fx.team.kudos.id).map((s) => s.activity.text)).toEqual([
      'This week: meet someone from Finance',
      'Matched: Li and Priya',
    ]);
    const updated = fake.activities.find((s) => s.id === reply.id)!;
    expect(updated).toMatchObject({ route: 'replyToActivity', replyToId: thread.activityId });
    expect(updated.versions.map((v) => v.text)).toEqual(['Matched!', 'Matched: Li and Priya']);

    await client.deleteActivity(thread.id, reply.id);
    expect(fake.activitiesIn(thread.id).map((s) => s.id)).toEqual([thread.activityId]);
    const gone = await failureOf(client.updateActivity(thread.id, reply.id, message('again')));
    expect(gone).toMatchObject({ status: 404 });
  });

  it('answers 404 for a conversation it does not know, as Teams does', async () => {
    const error: any = await failureOf(client.sendToConversation('a:1unknown', message('hi')));
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(404);
    expect(error.response.data).toEqual({
      error: { code: 'ConversationNotFound', message: 'Conversation not found.' },
    });
  });

  it('pages a long roster with a continuation token, through the SDK client', async () => {
    const crowd = teamsUsers(120, fx.tenantId);
    fake.roster.setMembers(fx.team.id, [...fx.team.members, ...crowd]);
    // ConnectorClient 1.8.1 has no paged-members method; its HttpClient reaches the route.
    const page = async (continuationToken?: string) =>
      (
        await client.httpClient.get<any>(`v3/conversations/${fx.team.kudos.id}/pagedmembers`, {
          params: { pageSize: '2', continuationToken },
        })
      ).data;

    const seen: any[] = [];
    const tokens: string[] = [];
    let token: string | undefined;
    do {
      const result = await page(token);
      seen.push(...result.members);
      token = result.continuationToken;
      if (token) tokens.push(token);
    } while (token);

    // Teams serves 50 a page, whatever smaller size is asked for.
    expect(fake.callsTo('getConversationPagedMembers').map((c) => c.query.pageSize)).toEqual([
      '2',
      '2',
      '2',
    ]);
    expect(tokens).toHaveLength(2);
    // Tokens hold '+', '/' and '=', as Teams' do: the client must URL-encode them, and does.
    expect(tokens.join('')).toMatch(/[+/=]/);
    expect(seen).toHaveLength(125);
    expect(seen[0]).toEqual({
      id: fx.people.ana.id,
      name: 'Ana Silva',
      aadObjectId: fx.people.ana.aadObjectId,
      givenName: 'Ana',
      surname: 'Silva',
      email: fx.people.ana.email,
      userPrincipalName: fx.people.ana.userPrincipalName,
      tenantId: fx.tenantId,
      userRole: 'user',
    });
    expect(seen.find((m) => m.id === fx.people.kim.id)).toMatchObject({ userRole: 'guest' });

    fake.pageLimits = { min: 1, max: 500 };
    try {
      expect((await page()).members).toHaveLength(2);
    } finally {
      fake.pageLimits = { min: 50, max: 500 };
    }
  });

  it('finds one member by Teams id or Entra id; note the SDK takes (userId, conversationId)', async () => {
    const chat = personalConversationId(li.id);
    expect(await client.getConversationMember(li.id, chat)).toMatchObject({ name: 'Li Wei' });
    expect(await client.getConversationMember(sam.aadObjectId, fx.team.id)).toMatchObject({
      id: sam.id,
    });
    const missing: any = await failureOf(client.getConversationMember(sam.id, chat));
    expect(missing.status).toBe(404);
  });

  it("surfaces a 429 as the SDK's HttpError, with the status and Retry-After readable", async () => {
    fake.fail('sendToConversation', { status: 429, retryAfter: 7 });
    const error: any = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hi')),
    );

    // What the adapter's sender reads: err.status, and the fetch Headers on err.response.
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(429);
    expect(error.response.status).toBe(429);
    expect(error.response.headers.get('retry-after')).toBe('7');
    expect(error.response.data).toEqual({
      error: { code: 'Throttled', message: 'Too many requests.' },
    });
    // ConnectorClient appends the answer to the message, so logs show Teams' error code.
    expect(error.message).toBe(
      'Request failed with status 429: {"error":{"code":"Throttled","message":"Too many requests."}}',
    );
    // The failure was used up: the retry goes through.
    await client.sendToConversation(personalConversationId(li.id), message('hi'));
    expect(fake.sentTo(li.aadObjectId)).toHaveLength(1);
  });

  it.each([
    [{ status: 403 }, 'ConversationBlockedByUser'],
    [{ status: 403, code: 'BotNotInConversationRoster' }, 'BotNotInConversationRoster'],
    [{ status: 412 }, 'PreconditionFailed'],
    [{ status: 500 }, 'ServiceError'],
    [{ status: 502 }, 'ServiceError'],
  ])('answers %j with the body Teams sends', async (failure, code) => {
    fake.fail('any', failure);
    const error: any = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hi')),
    );
    expect(error.status).toBe(failure.status);
    expect(error.response.data.error.code).toBe(code);
    expect(error.response.headers.get('retry-after')).toBeNull();
  });

  it('answers 403 MessageWritesBlocked with the other body Teams documents for it', async () => {
    fake.fail('sendToConversation', { status: 403, code: 'MessageWritesBlocked' });
    const error: any = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hi')),
    );
    expect(error.status).toBe(403);
    expect(error.response.data.error).toBeUndefined();
    expect(error.response.data.errorCode).toBe(209);
    expect(JSON.parse(error.response.data.message).subCode).toBe('MessageWritesBlocked');
  });

  it('answers a gateway timeout with no body: the SDK then has an empty string as data', async () => {
    fake.fail('sendToConversation', { status: 504 });
    const error: any = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hi')),
    );
    expect(error.status).toBe(504);
    expect(error.response.data).toBe('');
  });

  it('drops the connection: the SDK throws a TypeError with no status, not an HttpError', async () => {
    // `delivered`: Teams posted the message and only the answer was lost.
    fake.fail('sendToConversation', { drop: true, delivered: true });
    const error: any = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hi')),
    );
    expect(error).not.toBeInstanceOf(HttpError);
    // fetch's TypeError comes from Node's realm, not jest's: compare names, not classes.
    expect(error.name).toBe('TypeError');
    expect(error.message).toBe('fetch failed');
    expect(error.status).toBeUndefined();
    expect(error.cause?.code).toBe('UND_ERR_SOCKET');
    expect(fake.sentTo(li.aadObjectId).map((s) => s.activity.text)).toEqual(['hi']);
  });

  it('fails one conversation while the others go through', async () => {
    fake.fail(
      'any',
      { status: 429, retryAfter: 2 },
      { times: 2, conversationId: personalConversationId(li.id) },
    );
    const toLi = await failureOf(client.createConversation(oneToOne(li.id)));
    const toSam = await client.createConversation(oneToOne(sam.id));
    await client.sendToConversation(toSam.id, message('hello Sam'));
    const toLiAgain = await failureOf(
      client.sendToConversation(personalConversationId(li.id), message('hello Li')),
    );
    expect([toLi, toLiAgain].map((e: any) => e.status)).toEqual([429, 429]);
    expect(fake.sentTo(sam.aadObjectId)).toHaveLength(1);
    await client.sendToConversation(personalConversationId(li.id), message('hello Li'));
    expect(fake.sentTo(li.aadObjectId)).toHaveLength(1);
  });

  it('refuses a person who blocked the bot, every time, until the test resets', async () => {
    fake.block(li.aadObjectId);
    const errors = await Promise.all([
      failureOf(client.createConversation(oneToOne(li.id))),
      failureOf(client.sendToConversation(personalConversationId(li.id), message('hi'))),
    ]);
    expect(errors.map((e: any) => [e.status, e.response.data.error.code])).toEqual([
      [403, 'ConversationBlockedByUser'],
      [403, 'ConversationBlockedByUser'],
    ]);
  });

  it('refuses a team the bot was removed from with 403 BotNotInConversationRoster', async () => {
    fake.removeBot(fx.team.id);
    const error: any = await failureOf(client.sendToConversation(fx.team.kudos.id, message('hi')));
    expect([error.status, error.response.data.error.code]).toEqual([
      403,
      'BotNotInConversationRoster',
    ]);
  });

  it('refuses a message over 28 KB with 413', async () => {
    const error: any = await failureOf(
      client.sendToConversation(fx.team.id, message('x'.repeat(30 * 1024))),
    );
    expect([error.status, error.response.data.error.code]).toEqual([413, 'MessageSizeTooBig']);
  });

  it('holds a route: the call is recorded, and answered only once released', async () => {
    const release = fake.hold('sendToConversation');
    let answered = false;
    const sending = client
      .sendToConversation(fx.team.id, message('held'))
      .then(() => (answered = true));
    await fake.waitFor(() => fake.callsTo('sendToConversation').length === 1);
    expect(answered).toBe(false);
    expect(fake.callsTo('sendToConversation')[0]!.status).toBeUndefined();
    release();
    await sending;
    expect(fake.callsTo('sendToConversation')[0]!.status).toBe(201);
  });

  it('serves under the service URL path, with or without its trailing slash', async () => {
    const bare = ConnectorClient.createClientWithToken(fake.serviceUrl.replace(/\/$/, ''), '');
    await bare.sendToConversation(fx.team.id, message('no slash'));
    // Resolving an absolute path against the service URL drops its '/amer', as it would in Teams.
    const wrong = await fetch(new URL('/v3/conversations', fake.serviceUrl), { method: 'POST' });
    expect(wrong.status).toBe(404);
    expect(fake.activitiesIn(fx.team.id)).toHaveLength(1);
  });

  it('records the Authorization header a client with a token sends', async () => {
    const withToken = ConnectorClient.createClientWithToken(fake.serviceUrl, 'token-from-entra');
    await withToken.sendToConversation(fx.team.id, message('hi'));
    expect(fake.calls[0]!.authorization).toBe('Bearer token-from-entra');
  });
});

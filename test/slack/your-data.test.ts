import { decodePayload } from '../../src/core/conversation/actions';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';

describe(`your data on Slack: export and forget me (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  it('uploads the export to the member’s own DM as a JSON file, and says what is in it', async () => {
    // The kudos is recorded after Slack's acknowledgement: its answer says it is done.
    await (
      await app.command('/kudos', '<@USAM|sam> thanks for the design review', { user: 'ULI' })
    ).reply();
    await app.queue!.settled();
    const answer = await (await app.command('/rapport', 'export', { user: 'ULI' })).reply();
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toBe('Your Rapport data');

    const [file] = app.fake.files;
    expect(file).toMatchObject({ channel: 'DULI', title: 'Your Rapport data' });
    expect(file!.filename).toMatch(/^rapport-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(file!.content.toString('utf8'));
    expect(JSON.stringify(data['kudos you gave'])).toContain('thanks for the design review');
    expect(JSON.stringify(answer.body.blocks)).toContain(file!.filename);
    // Slack was asked for one upload, shared to that DM.
    const completed = app.fake.callsTo('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.args.channel_id).toBe('DULI');
  });

  it('forgets a member after the button, and a directory sync does not bring them back', async () => {
    const asked = await (await app.command('/rapport', 'forget-me', { user: 'UPRIYA' })).reply();
    const button = JSON.stringify(asked.body.blocks).match(
      /"action_id":"forget_me_confirm","value":"((?:[^"\\]|\\.)*)"/,
    )?.[1];
    expect(button).toBeDefined();
    const value = JSON.parse(`"${button}"`) as string;
    expect(decodePayload(value).u).toBe('UPRIYA');

    // Someone else pressing it deletes nothing.
    const other = await app.press('ULI', 'forget_me_confirm', value, {
      message: { type: 'message', ts: '1.1', text: 'Forget you?' },
    });
    expect(other.replace_original).toBe(false);
    const still = await app.db
      .selectFrom('members')
      .select('user_id')
      .where('user_id', '=', 'UPRIYA')
      .execute();
    expect(still).toHaveLength(1);

    const done = await app.press('UPRIYA', 'forget_me_confirm', value, {
      message: { type: 'message', ts: '1.1', text: 'Forget you?' },
    });
    expect(done).toMatchObject({ replace_original: true, text: 'Rapport has forgotten you' });
    const gone = await app.db
      .selectFrom('members')
      .select('user_id')
      .where('user_id', '=', 'UPRIYA')
      .execute();
    expect(gone).toEqual([]);
    const workspaceId = await app.workspaceId();
    await app.slack.jobs[0]!.run({ scope: workspaceId, slot: new Date() }, app.jobContext());
    expect(
      await app.db
        .selectFrom('members')
        .select('user_id')
        .where('user_id', '=', 'UPRIYA')
        .execute(),
    ).toEqual([]);
    // Only a one-way hash is kept.
    const hashes = await app.db.selectFrom('forgotten_members').select('user_hash').execute();
    expect(hashes).toHaveLength(1);
    expect(hashes[0]!.user_hash).not.toContain('UPRIYA');
  });
});

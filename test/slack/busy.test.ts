import { renderCard } from '../../src/adapters/slack/render';
import { busy, note } from '../../src/core/messages/common';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { until } from '../support/wait';

describe(`a burst of commands beyond what one replica takes (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    // One request worked on at a time and one waiting: the third is turned away.
    app = await SlackTestApp.start({
      env: { RAPPORT_INBOUND_CONCURRENCY: '1', RAPPORT_INBOUND_BACKLOG: '1' },
    });
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  it('answers "busy" in the acknowledgement past the limit, holds nothing for it, and answers every request it took', async () => {
    await app.quiet();
    const release = app.fake.hold('response_url');
    try {
      const first = await app.command('/rapport', 'values', { user: 'ULI' });
      // The first is being answered (Slack is slow to take it), so it holds the one slot.
      await until(async () => first.replies().length === 1);
      const second = await app.command('/rapport', 'values', { user: 'USAM' });
      const third = await app.command('/rapport', 'values', { user: 'UPRIYA' });
      for (const sent of [first, second, third]) expect(sent.status).toBe(200);
      expect(first.text).toBe('');
      expect(second.text).toBe('');
      expect(JSON.parse(third.text)).toEqual({
        response_type: 'ephemeral',
        ...renderCard(note(busy())),
      });
      release();
      await until(async () => second.replies().length === 1);
      await app.slack.idle();
      expect(first.replies()).toHaveLength(1);
      expect(second.replies()).toHaveLength(1);
      // Turned away at the door: nothing of it waited, nothing answers it later.
      expect(third.replies()).toHaveLength(0);
      expect(first.replies()[0]!.body.text).toContain('Tag kudos with one of');
    } finally {
      release();
    }
  });
});

import { decodeSlackCommand } from '../../src/adapters/slack/decode';
import { parseCommand } from '../../src/core/conversation/grammar';

describe("Slack's command text, decoded for the core", () => {
  it('writes people and channels as words and says where they are', () => {
    const input = decodeSlackCommand(
      '/kudos',
      '<@U1ANA|ana> &amp; <@U2LI> thanks for #ops in <#C9|general>',
    );
    expect(input.text).toBe('@ana & @U2LI thanks for #ops in #general');
    expect(input.mentions).toEqual([
      { start: 0, end: 4, userId: 'U1ANA', kind: 'person' },
      { start: 7, end: 12, userId: 'U2LI', kind: 'person' },
    ]);
    expect(input.channels).toEqual([{ start: 32, end: 40, channelId: 'C9' }]);
    expect(input.text.slice(32, 40)).toBe('#general');
  });

  it('turns @here and user groups into words the core reads as the room or a group', () => {
    const input = decodeSlackCommand('kudos', '<!here> <!subteam^S1|@eng> thanks');
    expect(input.text).toBe('@here @eng thanks');
    expect(parseCommand(input)).toMatchObject({
      recipientIds: [],
      groupMentions: ['@here', '@eng'],
    });
  });

  it('keeps a link as its address and decodes what the person typed literally', () => {
    expect(decodeSlackCommand('kudos', 'see <https://evil.example|acme.com> &lt;b&gt;').text).toBe(
      'see https://evil.example <b>',
    );
  });

  it('gives the grammar inner mentions at the right places', () => {
    const c = parseCommand(
      decodeSlackCommand('kudos', '<@U1|li>: thanks for pairing with <@U2|ben>'),
    );
    expect(c).toMatchObject({
      recipientIds: ['U1', 'U2'],
      message: 'thanks for pairing with @ben',
      inlineMentions: [{ start: 24, end: 28, userId: 'U2' }],
    });
  });
});

import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  it('redacts secrets under known keys and token-shaped strings in messages', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: 'xoxb-111-secret',
        installation: { bot: { token: 'xoxb-222' }, clientSecret: 'cs-333' },
        password: 'pw-444',
      },
      'connecting with xoxb-555-abc to postgres://app:pw-666@db:5432/rapport',
    );
    const text = lines.join('');
    for (const secret of ['xoxb-111', 'xoxb-222', 'cs-333', 'pw-444', 'xoxb-555', 'pw-666'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(JSON.parse(text)).toMatchObject({
      msg: 'connecting with [redacted] to postgres://app:[redacted]@db:5432/rapport',
    });
  });
});

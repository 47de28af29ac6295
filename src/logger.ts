import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './request-context';

export type { Logger };

/** Keys whose values never reach a log line, wherever they sit in a logged object. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'bot_token',
  'access_token',
  'refresh_token',
  'appToken',
  'secret',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'password',
  'authorization',
  'cookie',
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'MICROSOFT_APP_PASSWORD',
  'RAPPORT_METRICS_TOKEN',
];

const redactPaths = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      // Every line written while a request is handled names it, whichever logger wrote it.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Token-shaped strings can hide inside messages and error texts, not only under known keys.
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactTokens(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    destination,
  );
}

export function redactTokens(text: string): string {
  return text
    .replace(/\bx(?:ox[abposer]|app)-[A-Za-z0-9-]+/g, '[redacted]')
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1[redacted]@');
}

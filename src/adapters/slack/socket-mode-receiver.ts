import { randomUUID } from 'node:crypto';
import { SocketModeReceiver, type App, type Logger, type ReceiverEvent } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { withRequestId } from '../../request-context';

interface SocketOptions {
  appToken: string;
  logger: Logger;
  clientOptions: WebClientOptions;
}

/**
 * Bolt's Socket Mode receiver, giving each envelope what the HTTP server gives each request:
 * an id of its own (on every log line of its handling, and on every delivery it queues) and
 * the time from its arrival to its acknowledgement. Middleware cannot do this: Bolt hands each
 * middleware and listener its own copy of the arguments, so a wrapped `ack` would not reach
 * the listener that calls it.
 */
class RequestSocketModeReceiver extends SocketModeReceiver {
  constructor(
    options: SocketOptions,
    private readonly acknowledged?: (seconds: number) => void,
  ) {
    const { appToken, logger, clientOptions } = options;
    // What the app would give the receiver it makes: the API's address among the options.
    super({ appToken, logger, installerOptions: { clientOptions } });
  }

  override init(app: App): void {
    const { acknowledged } = this;
    // The receiver calls nothing of the app but processEvent.
    super.init({
      processEvent: (event: ReceiverEvent) => {
        const started = process.hrtime.bigint();
        const ack: ReceiverEvent['ack'] = async (response) => {
          try {
            await event.ack(response);
          } finally {
            acknowledged?.(Number(process.hrtime.bigint() - started) / 1e9);
          }
        };
        return withRequestId(randomUUID(), () => app.processEvent({ ...event, ack }));
      },
    } as unknown as App);
  }
}

export function socketModeReceiver(
  options: SocketOptions,
  acknowledged?: (seconds: number) => void,
): SocketModeReceiver {
  return new RequestSocketModeReceiver(options, acknowledged);
}

import type { Card } from '../core/conversation/card';
import { apology, note } from '../core/messages/common';
import type { Logger } from '../logger';

/**
 * Runs a request's work; an unexpected error is logged with its context and the person gets
 * a short apology, never the error itself.
 */
export async function safely(
  logger: Logger,
  context: Record<string, unknown>,
  tell: (card: Card) => Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error, ...context }, 'request failed');
    await tell(note(apology())).catch((e: unknown) =>
      logger.warn({ err: e, ...context }, 'apology not delivered'),
    );
  }
}

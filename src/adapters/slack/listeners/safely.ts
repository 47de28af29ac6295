import { APOLOGY, type SlackDeps } from '../deps';

/**
 * Runs a listener's work after the ack; an unexpected error is logged with its context and
 * the person gets a short apology, never the error itself.
 */
export async function safely(
  deps: SlackDeps,
  context: Record<string, unknown>,
  tellPrivately: (text: string) => Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error({ err: error, ...context }, 'slack listener failed');
    await tellPrivately(APOLOGY).catch((e: unknown) =>
      deps.logger.warn({ err: e }, 'apology not delivered'),
    );
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** What a caller may name its own request: short, and nothing a log line could be forged with. */
const SANE_ID = /^[\w.-]{1,64}$/;

/** The caller's `x-request-id` when it is sane, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_ID.test(header) ? header : randomUUID();
}

/**
 * Runs a request's handling with its id in scope. The id follows every await and callback the
 * handling starts (work done after the acknowledgement too), so code deep down logs it and
 * tags what it queues without being handed it.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

/** The id of the request being handled, if any (none in jobs and the delivery worker). */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

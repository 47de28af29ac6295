import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';

/** Set on an error by MethodNamingClient: the Web API method that failed. */
const METHOD = Symbol('slack method');

/** A WebClient whose errors say which method failed, which the SDK's errors do not. */
export class MethodNamingClient extends WebClient {
  override async apiCall(method: string, options?: Record<string, unknown>) {
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      throw namedFor(error, method);
    }
  }
}

/** Tags an error with the method it came from, unless it already names one. */
export function namedFor(error: unknown, method: string): unknown {
  if (error instanceof Error && !(METHOD in error)) Object.assign(error, { [METHOD]: method });
  return error;
}

/** The root cause's code of a failed request: ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT. */
function networkCode(error: WebAPIRequestError): string {
  let cause: unknown = error.original;
  while (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code) return code;
    cause = cause.cause;
  }
  return error.original.message;
}

/** A failed Slack call in a few words, for one log line and /readyz. */
export function slackFailure(error: unknown): string {
  const method =
    error instanceof Error ? ((error as { [METHOD]?: string })[METHOD] ?? 'a call') : 'a call';
  if (error instanceof WebAPIRequestError)
    return `cannot reach Slack (${method}: ${networkCode(error)})`;
  if (error instanceof WebAPIPlatformError) return `Slack refused ${method} (${error.data.error})`;
  if (error instanceof WebAPIRateLimitedError) return `Slack rate-limited ${method}`;
  if (error instanceof WebAPIHTTPError) return `Slack answered ${method} with ${error.statusCode}`;
  return error instanceof Error ? error.message : String(error);
}

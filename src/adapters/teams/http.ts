import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  authorizeJWT,
  type AuthConfiguration,
  type CloudAdapter,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import type { Logger } from '../../logger';

export const MESSAGES_PATH = '/api/messages';

/** Activities are small; a card's submission is the largest thing Teams posts. */
const MAX_BODY = 1024 * 1024;

/** The request as the SDK reads it (Express's shape), with the verified caller on `user`. */
interface SdkRequest {
  method: string;
  headers: IncomingMessage['headers'];
  body?: unknown;
  user?: Record<string, unknown>;
}

/** The response as the SDK writes it (Express's shape), over Node's own. */
function sdkResponse(res: ServerResponse) {
  const shim = {
    status(code: number) {
      res.statusCode = code;
      return shim;
    },
    setHeader(name: string, value: string) {
      // A turn that ends after its activity was answered finds the headers sent.
      if (!res.headersSent) res.setHeader(name, value);
      return shim;
    },
    send(body: unknown) {
      if (res.writableEnded) return shim;
      if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) {
        if (!res.headersSent) res.setHeader('content-type', 'application/json');
        res.write(JSON.stringify(body));
      } else if (body !== undefined) res.write(String(body));
      return shim;
    },
    end() {
      if (!res.writableEnded) res.end();
      return shim;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return shim;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) return chunks.push(chunk);
      // Too large: the rest is read and dropped, so that the 413 reaches the sender.
      req.off('data', take);
      req.resume();
      resolve(null);
    };
    req.on('data', take);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Why the SDK would refuse this activity with a 400 (its own checks, made here because an
 * activity answered before its turn runs must be refused before it is answered), or null.
 */
function refusal(body: object, user: SdkRequest['user']): string | null {
  let activity: Activity;
  try {
    activity = Activity.fromObject(body);
  } catch {
    return 'not_an_activity';
  }
  if (!activity.type || !activity.conversation?.id) return 'not_an_activity';
  // A token names the service it came from; an activity must not send Rapport elsewhere.
  const claim = user?.serviceurl;
  if (typeof claim !== 'string' || !activity.serviceUrl) return null;
  const host = (url: string) => URL.parse(url)?.hostname.toLowerCase();
  return host(claim) && host(claim) === host(activity.serviceUrl) ? null : 'service_url';
}

const answer = (res: ServerResponse, status: number, body?: object) => {
  if (res.writableEnded) return;
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
};

export interface TeamsEndpoint {
  adapter: CloudAdapter;
  /** Null serves without authentication (RAPPORT_TEAMS_ANONYMOUS). */
  auth: AuthConfiguration | null;
  logger: Logger;
  /**
   * Runs one activity's turn within the inbound limit; false when a message or invoke found
   * no room (other activities always get their turn: they cannot be answered "busy"). Resolves
   * once the turn has ended when `wait`, else as soon as the turn has its place.
   */
  turn(type: string, work: () => Promise<void>, wait: boolean): Promise<boolean>;
  logic(context: TurnContext): Promise<void>;
  /** Tells the sender to try again in a minute. */
  busy(context: TurnContext): Promise<void>;
}

/**
 * POST /api/messages: the Bot Framework's endpoint. With credentials every request must carry
 * a Bot Framework token that the SDK verifies (missing, malformed or forged: 401, and nothing
 * runs); then the SDK's adapter runs the turn and writes the answer (an invoke's in the body).
 */
export function teamsListener(endpoint: TeamsEndpoint): RequestListener {
  const verify = endpoint.auth ? authorizeJWT(endpoint.auth) : null;
  return (req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== MESSAGES_PATH) return answer(res, 404, { error: 'not_found' });
      if (req.method !== 'POST') return answer(res, 405, { error: 'method_not_allowed' });
      const request: SdkRequest = { method: 'POST', headers: req.headers };
      const shim = sdkResponse(res);
      if (verify) {
        let allowed = false;
        await verify(request as never, shim as never, () => {
          allowed = true;
        });
        if (!allowed) {
          // The SDK has written its 401 and left the response open.
          if (res.headersSent) res.end();
          else answer(res, 401, { error: 'unauthorized' });
          endpoint.logger.warn({ path }, 'Teams request refused: no valid token');
          return;
        }
      } else request.user = { name: 'anonymous' };
      const raw = await readBody(req);
      if (raw === null) {
        res.setHeader('connection', 'close');
        return answer(res, 413, { error: 'too_large' });
      }
      try {
        request.body = JSON.parse(raw);
      } catch {
        return answer(res, 400, { error: 'not_json' });
      }
      if (typeof request.body !== 'object' || request.body === null)
        return answer(res, 400, { error: 'not_an_activity' });
      const refused = refusal(request.body, request.user);
      if (refused) return answer(res, 400, { error: refused });
      const { type, deliveryMode } = request.body as { type?: unknown; deliveryMode?: unknown };
      const process = (logic: TeamsEndpoint['logic']) => () =>
        endpoint.adapter.process(request as never, shim as never, logic);
      // Only an invoke's answer (or, asked for, the replies) is the body: every other activity
      // is answered 200 once its turn has a place, and its replies go to the Bot Connector, as
      // Slack's commands are acknowledged before their work.
      const wait = type === 'invoke' || deliveryMode === 'expectReplies';
      if (!(await endpoint.turn(String(type ?? ''), process(endpoint.logic), wait))) {
        endpoint.logger.warn({ type }, 'busy: Teams activity turned away');
        await process(endpoint.busy)();
      }
      if (!res.writableEnded) answer(res, 200);
    })().catch((error: unknown) => {
      endpoint.logger.error({ err: error }, 'Teams request failed');
      answer(res, 500, { error: 'failed' });
    });
  };
}

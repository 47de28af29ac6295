import http from 'node:http';
import type { Logger } from '../logger';

export interface HealthChecks {
  /** True when the database answers and every migration has been applied. */
  ready(): Promise<boolean>;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export interface Mounts {
  /** Slack's events, commands, interactivity and OAuth: everything under /slack/. */
  slack?: http.RequestListener | null;
}

/** The one HTTP server: health, readiness and the platform adapters' routes. */
export function createHttpServer(
  checks: HealthChecks,
  logger: Logger,
  mounts: Mounts = {},
): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    if (mounts.slack && url.pathname.startsWith('/slack/')) return mounts.slack(req, res);
    if (route === 'GET /healthz') return send(res, 200, { status: 'ok' });
    if (route === 'GET /readyz') {
      checks.ready().then(
        (ready) => send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' }),
        (error: unknown) => {
          logger.warn({ err: error }, 'readiness check failed');
          send(res, 503, { status: 'not ready' });
        },
      );
      return;
    }
    send(res, 404, { error: 'not found' });
  });
}

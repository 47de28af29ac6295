import http from 'node:http';
import type { Logger } from '../logger';
import { READY, type ReadinessCheck } from '../readiness';

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export interface Mounts {
  /** Slack's events, commands, interactivity and OAuth: everything under /slack/. */
  slack?: http.RequestListener | null;
}

/** Every component's state, named; 200 only when all are ready. */
async function readiness(checks: ReadinessCheck[], logger: Logger) {
  const states = await Promise.all(
    checks.map((c) =>
      c.check().catch((error: unknown) => {
        logger.warn({ err: error, component: c.name }, 'readiness check failed');
        return 'readiness check failed';
      }),
    ),
  );
  const ready = states.every((s) => s === READY);
  return {
    status: ready ? 200 : 503,
    body: {
      status: ready ? 'ready' : 'not ready',
      ...Object.fromEntries(checks.map((c, i) => [c.name, states[i]])),
    },
  };
}

/** The one HTTP server: health, readiness and the platform adapters' routes. */
export function createHttpServer(
  checks: ReadinessCheck[],
  logger: Logger,
  mounts: Mounts = {},
): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    if (mounts.slack && url.pathname.startsWith('/slack/')) return mounts.slack(req, res);
    if (route === 'GET /healthz') return send(res, 200, { status: 'ok' });
    if (route === 'GET /readyz') {
      void readiness(checks, logger).then(({ status, body }) => send(res, status, body));
      return;
    }
    send(res, 404, { error: 'not found' });
  });
}

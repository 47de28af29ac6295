import http from 'node:http';
import type { Logger } from '../logger';
import { READY, type ReadinessCheck } from '../readiness';

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A platform adapter's routes: every request whose path starts with `prefix`. */
export interface Mount {
  prefix: string;
  listener: http.RequestListener;
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
  mounts: Mount[] = [],
): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
    if (mount) return mount.listener(req, res);
    if (route === 'GET /healthz') return send(res, 200, { status: 'ok' });
    if (route === 'GET /readyz') {
      void readiness(checks, logger).then(({ status, body }) => send(res, status, body));
      return;
    }
    send(res, 404, { error: 'not found' });
  });
}

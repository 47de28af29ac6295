import http from 'node:http';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { READY, type ReadinessCheck } from '../readiness';
import { requestIdFrom, withRequestId } from '../request-context';
import { metricsListener } from './metrics-endpoint';

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A platform adapter's routes: every request whose path starts with `prefix`. */
export interface Mount {
  prefix: string;
  listener: http.RequestListener;
  /** Whose routes these are, for metrics; the server's own when absent. */
  platform?: string;
  /** The exact paths it serves, named as such in metrics; any other path counts as `prefix`. */
  routes?: string[];
}

export interface HttpServerOptions {
  /** Counts and times every request, and serves GET /metrics. */
  metrics?: Metrics;
  /** When set, GET /metrics asks for `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
}

const OWN_ROUTES = ['/healthz', '/readyz', '/metrics'];

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

/** A fixed name for a request's route: a raw path can hold a token (a file link's). */
function routeOf(pathname: string, mount: Mount | undefined): string {
  if (mount) return mount.routes?.includes(pathname) ? pathname : mount.prefix;
  return OWN_ROUTES.includes(pathname) ? pathname : 'other';
}

/**
 * The one HTTP server: health, readiness, metrics and the platform adapters' routes. Every
 * request gets an id (the caller's `x-request-id` if sane), answered in the same header and
 * carried by everything its handling logs or queues.
 */
export function createHttpServer(
  checks: ReadinessCheck[],
  logger: Logger,
  mounts: Mount[] = [],
  options: HttpServerOptions = {},
): http.Server {
  const { metrics } = options;
  const metricsRoute = metrics && metricsListener(metrics, options.metricsToken, logger);

  const handle: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
    metrics?.http.observe(req, res, () => ({
      route: routeOf(url.pathname, mount),
      platform: mount?.platform ?? 'none',
    }));
    if (mount) return mount.listener(req, res);
    if (route === 'GET /healthz') return send(res, 200, { status: 'ok' });
    if (route === 'GET /readyz') {
      void readiness(checks, logger).then(({ status, body }) => send(res, status, body));
      return;
    }
    if (route === 'GET /metrics' && metricsRoute) return metricsRoute(req, res);
    send(res, 404, { error: 'not found' });
  };

  return http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    withRequestId(requestId, () => handle(req, res));
  });
}

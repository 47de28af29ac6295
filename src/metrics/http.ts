import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Who a request was for: a platform's mount, or the server itself ('none'). */
export interface RouteLabels {
  /** A fixed name (a known path or a mount's prefix), never the raw URL: paths can hold tokens. */
  route: string;
  platform: string;
}

/** Slack's deadline for an acknowledgement is 3 s; the buckets are dense below it. */
const ACK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 15];

export function httpMetrics(registry: Registry) {
  const requests = new Counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests answered, by route, platform and status',
    labelNames: ['route', 'platform', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being written in full',
    labelNames: ['route', 'platform'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'rapport_ack_duration_seconds',
    help: 'Time from a platform delivering an event, command, press or activity to Rapport answering it',
    labelNames: ['platform'] as const,
    buckets: ACK_BUCKETS,
    registers: [registry],
  });

  return {
    /** Times one request, from now until it is answered (or the caller hangs up). */
    observe(req: IncomingMessage, res: ServerResponse, labels: () => RouteLabels): void {
      const stop = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - stop) / 1e9;
      const done = (status: string) => {
        const { route, platform } = labels();
        const took = seconds();
        requests.inc({ route, platform, status });
        duration.observe({ route, platform }, took);
        // A platform's POST is its delivery of work, answered once the work is accepted (it
        // runs after): Bolt's listeners, a Teams turn (an invoke's, whose answer is its body,
        // once it has run).
        if (platform !== 'none' && req.method === 'POST') ack.observe({ platform }, took);
      };
      res.once('finish', () => done(String(res.statusCode)));
      res.once('close', () => {
        if (!res.writableFinished) done('aborted');
      });
    },
    /** An acknowledgement that no HTTP request carried (Slack's Socket Mode). */
    acknowledged(platform: string, seconds: number): void {
      ack.observe({ platform }, seconds);
    },
  };
}

export type HttpMetrics = ReturnType<typeof httpMetrics>;

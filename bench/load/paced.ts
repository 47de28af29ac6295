/**
 * Requests at a steady average rate with independent, random (exponential) gaps, as commands
 * from many people arrive, each sent whether or not earlier ones are answered: what one
 * acknowledgement costs when the server is not saturated. (autocannon's paced mode fires all
 * its connections on one timer, in bursts, and waits for an answer before the next request.)
 */
import http from 'node:http';
import { seededRandom } from '../../src/core/domain/random';

export interface PacedResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Answers with a body (Slack's "busy"). */
  withBody: number;
  /** Each 2xx answer's time in milliseconds. */
  times: number[];
  seconds: number;
}

export async function paced(
  target: string,
  ratePerSecond: number,
  seconds: number,
  next: () => { headers: Record<string, string>; body: string },
): Promise<PacedResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const random = seededRandom(`paced-${ratePerSecond}`);
  const result: PacedResult = {
    sent: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    withBody: 0,
    times: [],
    seconds,
  };
  const inFlight = new Set<Promise<void>>();
  const send = () => {
    const { headers, body } = next();
    const started = process.hrtime.bigint();
    result.sent += 1;
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let length = 0;
          response.on('data', (chunk: Buffer) => (length += chunk.length));
          response.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              result.ok += 1;
              result.times.push(ms);
              if (length > 0) result.withBody += 1;
            } else result.non2xx += 1;
            resolve();
          });
        },
      );
      let timedOut = false;
      request.setTimeout(10_000, () => {
        timedOut = true;
        request.destroy();
      });
      // A request given up on is a timeout, not also an error.
      request.on('error', () => {
        if (timedOut) result.timeouts += 1;
        else result.errors += 1;
        resolve();
      });
      request.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const start = performance.now();
  let due = start;
  while (due - start < seconds * 1000) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    send();
    due += (-Math.log(1 - random()) / ratePerSecond) * 1000;
  }
  await Promise.all(inFlight);
  agent.destroy();
  return result;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gracefulClose } from '../../src/http/graceful-close';

/** A POST of `bytes` on a connection of its own: its status, or the socket error's code. */
function post(url: string, bytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    request.end(Buffer.alloc(bytes, 'x'));
  });
}

describe('closing the HTTP server on a signal', () => {
  let server: http.Server;
  let url: string;
  let closing: ReturnType<typeof gracefulClose>;

  beforeEach(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    closing = gracefulClose(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterEach(async () => {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  });

  it('keeps the port open, answering 503, while requests still arrive, and closes once they stop', async () => {
    expect(await post(url, 10)).toBe(200);
    const closed = closing.begin(1000).then(() => closing.end(5000));
    const endedAt = closed.then(() => Date.now());
    // A load balancer that goes on sending for a while after the signal.
    const outcomes: Array<number | string> = [];
    for (let n = 0; n < 8; n += 1) {
      outcomes.push(await post(url, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lastSent = Date.now();
    expect(outcomes).toEqual(Array(8).fill(503));
    expect((await endedAt) - lastSent).toBeGreaterThanOrEqual(300);
    expect(await post(url, 10)).toBe('ECONNREFUSED');
  });
});

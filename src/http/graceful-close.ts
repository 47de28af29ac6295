import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The listening socket stays open until no connection or request has come for this long: while
 * traffic still arrives (a load balancer that has not yet taken the replica out), closing it
 * would reset the connections the kernel has accepted and the process has not yet read.
 */
export const QUIET_MS = 500;

/**
 * Closes a server without cutting a request it took. From `begin()` on, a request that arrives
 * is answered 503 at once (`Connection: close`), so a load balancer or Slack sends it elsewhere
 * or again, and a keep-alive connection ends once its request in hand is answered; the requests already in hand are
 * answered as usual. Only once they are, and requests have stopped arriving (or a grace period
 * has passed), does `end()` close the listening socket.
 *
 * Closing the listening socket first would reset every connection the kernel had accepted and
 * the process had not yet taken from its queue (many, in a busy process); and http.Server's
 * close() destroys connections whose request has not been read yet. Hence the socket stays
 * open, answering 503, until the end.
 */
export function gracefulClose(server: Server, quietMs = QUIET_MS) {
  const inHand = new Map<Socket, number>();
  let closing = false;
  let lastArrival = 0;
  server.on('connection', () => void (lastArrival = Date.now()));

  // Ahead of the server's own handlers: the gate decides first.
  const handlers = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    lastArrival = Date.now();
    if (closing) {
      res.shouldKeepAlive = false;
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'shutting down' }));
      return;
    }
    inHand.set(socket, (inHand.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (inHand.get(socket) ?? 1) - 1;
      if (left > 0) return void inHand.set(socket, left);
      inHand.delete(socket);
      if (closing) socket.end();
    });
    for (const handler of handlers) handler(req, res);
  });

  const quiet = () => inHand.size === 0 && Date.now() - lastArrival >= quietMs;
  const waitUntil = async (done: () => boolean, graceMs: number) => {
    const deadline = Date.now() + graceMs;
    while (!done() && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  };

  return {
    /** Answers new requests 503; resolves once the requests in hand are answered, or after `graceMs`. */
    async begin(graceMs: number): Promise<void> {
      closing = true;
      await waitUntil(() => inHand.size === 0, graceMs);
    },
    /**
     * Once nothing has arrived for `quietMs` (or after `graceMs`), closes the listening socket
     * and cuts whatever is still open.
     */
    async end(graceMs: number): Promise<void> {
      await waitUntil(quiet, graceMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

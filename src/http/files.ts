import type { RequestListener } from 'node:http';
import type { Clock } from '../core/ports';
import type { Logger } from '../logger';
import type { FileLinks } from '../persistence/repositories/file-links';

export const FILES_PATH = '/files/';

/** How long a link to a file works: long enough to open it, short enough not to linger. */
export const FILE_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * GET /files/<token>: a file Rapport handed someone by link. The token is the only key, so an
 * address that is wrong, used up by time, or guessed is the same 404; nothing is cached.
 */
export function filesListener(files: FileLinks, clock: Clock, logger: Logger): RequestListener {
  return (req, res) => {
    const token = new URL(req.url ?? '/', 'http://localhost').pathname.slice(FILES_PATH.length);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    };
    if (req.method !== 'GET' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return notFound();
    void files
      .find(token, clock.now())
      .then((file) => {
        if (!file) return notFound();
        const inline = file.mimeType.startsWith('image/');
        const name = file.filename.replace(/[^\w.-]/g, '_');
        res.writeHead(200, {
          'content-type': file.mimeType,
          'content-length': String(file.content.length),
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(Buffer.from(file.content));
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'file link failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('failed');
      });
  };
}

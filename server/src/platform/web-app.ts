import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Files whose names carry a hash of their content (Vite's `assets/` folder) never change. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the icon) is revalidated on each visit, cheaply, by its ETag. */
export const REVALIDATE_CACHE = 'no-cache';

const ASSETS_PREFIX = '/assets/';

/**
 * Serves the built web app from `root` (web/dist): the brotli or gzip copy the build made beside each
 * file when the browser accepts it (never compressed per request), hashed assets cached for a year,
 * the rest revalidated.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  const assets = path.join(root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root,
    // One route per file found at start-up; the compressed copies are chosen by Accept-Encoding,
    // not requested by name.
    wildcard: false,
    globIgnore: ['**/*.br', '**/*.gz'],
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    },
  });
}

/**
 * Whether a request that matched no route should get the web app's index.html: a page of the app
 * read in the browser, not the API and not a missing asset (a stale chunk must fail loudly as a 404
 * rather than run index.html as JavaScript).
 */
export function wantsWebPage(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith(ASSETS_PREFIX);
}

/** The web app's page shell for its own client-side routes, revalidated on every visit. */
export function sendWebPage(reply: FastifyReply) {
  return reply.header('cache-control', REVALIDATE_CACHE).type('text/html').sendFile('index.html');
}

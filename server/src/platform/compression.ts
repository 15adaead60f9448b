import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * The API's answers of 1 kB or more go out as brotli or gzip when the browser accepts it: a page of
 * JSON shrinks five- to ten-fold on a commune's slow connection. Brotli at quality 4 costs about as
 * much CPU as gzip's default for a better ratio; 11 is for the web app's files, compressed once at
 * build time and never here. Files kept as they were uploaded or generated (images, PDF, Word,
 * Excel) are not compressible types and pass as they are; partial content is never compressed.
 * Register before the routes: it applies to the routes declared after it.
 */
export async function compressApiAnswers(app: FastifyInstance): Promise<void> {
  // Only the API: the web app's files are served already compressed (see web-app.ts).
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) route.compress = false;
  });
  await app.register(compress, {
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

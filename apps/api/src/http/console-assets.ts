/**
 * The built console, served at /. A request under /api is the API's and never names a file of the
 * console, so it skips the file lookup (a stat per request) that serving static files first costs.
 */
import express, { type RequestHandler } from 'express';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

export function consoleAssets(dist: string): RequestHandler {
  const assets = express.static(dist, { index: 'index.html' });
  return (request, response, next) => (isApiPath(request.path) ? next() : assets(request, response, next));
}

/** The express application: JSON API, health check, and the built client with SPA fallback. */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { ErrorId } from '../../shared/api';
import type { CommandContext } from '../commands/context';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { errorMiddleware, sameOriginWrites, sendError } from './middleware';
import { apiRouter } from './routes';

/** Builds the express app around the command context. */
export function createApp(ctx: CommandContext, log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', sameOriginWrites(ctx.config.allowedOrigins), express.json({ limit: ctx.config.maxBodyBytes }), apiRouter(ctx));
  app.use('/api', (_req, res) => sendError(res, new AppError(404, ErrorId.NOT_FOUND, 'No such API route.')));
  serveClient(app, ctx.config.clientDir);
  app.use(errorMiddleware(log));
  return app;
}

// The client is a single-page app: unknown paths get index.html and the router takes over.
function serveClient(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: (res, file) => {
    if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  } }));
  app.get(/^\/(?!api\/|collab\/|healthz).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The client is not built: run `npm run build` (npm start does it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** The express application: JSON API, health check, and the built client with SPA fallback. */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { ErrorId } from '../../shared/api';
import type { CommandContext } from '../commands/context';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { errorMiddleware, sameOriginWrites, sendError } from './middleware';
import { commentRouter } from './commentRoutes';
import { mentoringRouter } from './mentoringRoutes';
import { sessionRouter } from './sessionRoutes';
import { apiRouter } from './routes';
import { writeLimits } from './writeLimits';

/** Builds the express app around the command context; `routers` are mounted under /api after the others. */
export function createApp(ctx: CommandContext, log: Logger, routers: readonly Router[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders(ctx.config.cookieSecure));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', sameOriginWrites(ctx.config), writeLimits(ctx.store, ctx.config.writeLimits), express.json({ limit: ctx.config.maxBodyBytes }), apiRouter(ctx), commentRouter(ctx), sessionRouter(ctx), mentoringRouter(ctx), ...routers);
  app.use('/api', (_req, res) => sendError(res, new AppError(404, ErrorId.NOT_FOUND, 'No such API route.')));
  serveClient(app, ctx.config.clientDir);
  app.use(errorMiddleware(log));
  return app;
}

/**
 * Security headers and a Content-Security-Policy that allows only the app's own scripts, styles
 * (inline style attributes are used by the editor for caret colours) and connections.
 * HTTPS-only headers are sent only when the deployment is HTTPS (COOKIE_SECURE).
 */
function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https,
    referrerPolicy: { policy: 'same-origin' },
  });
}

// The client is a single-page app: unknown paths get index.html and the router takes over.
function serveClient(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  // Hashed assets never change; the page, the service worker and its manifest must be revalidated.
  const revalidate = /(\.html|sw\.js|registerSW\.js|workbox-[^/]*\.js|\.webmanifest)$/;
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: (res, file) => {
    if (revalidate.test(file)) res.setHeader('Cache-Control', 'no-cache');
    else if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
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

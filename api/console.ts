// Serves the web console (the Vite build in web/dist) from `/`, on the same origin as the API.
// Hashed bundles under /assets never change, so browsers keep them for a year; index.html names
// the current ones, so it is revalidated on every visit. A missing asset is a JSON 404, never the
// page (a stale tab asking for last release's chunk must fail visibly, not parse HTML as script).
// Client routes (/rectifications/…, /stats, …) get index.html, but only for a GET that asks for
// HTML and is not addressed to the API or an operational endpoint.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { notFound } from './errors';

/** Paths that are never the console's, whatever the request accepts. `/public/lists` is a client route. */
const NOT_CONSOLE = /^\/(api|public\/v\d+|docs|codec|healthz|readyz|metrics|openapi\.json)(\/|$)/;

/**
 * Works over plain HTTP on an intranet: no `upgrade-insecure-requests` unless the request came in
 * over TLS (it would send the page's API calls to an https:// that does not exist). Ant Design
 * writes its styles into <style> elements at run time, hence inline styles; previews of evidence
 * are blob: URLs fetched with the bearer token. With an identity provider, the page talks to its
 * origin too: discovery, keys and token requests (connect), silent renewal in a hidden frame.
 */
export function consoleCsp(tls: boolean, identityProvider?: string): string {
  const provider = identityProvider ? ` ${new URL(identityProvider).origin}` : '';
  const directives = [
    "default-src 'self'",
    "base-uri 'self'",
    `connect-src 'self'${provider}`,
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    `frame-src 'self' blob:${provider}`,
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    ...(tls ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers of every console file but the bundles: revalidated on each use, under the console's CSP. */
const pageHeaders = (identityProvider?: string) => (res: Response) => {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', consoleCsp(res.req.secure, identityProvider));
};

const wantsPage = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !NOT_CONSOLE.test(req.path) &&
  req.accepts(['json', 'html']) === 'html';

/** The console's router, or undefined when `distDir` holds no build; `identityProvider` is OIDC_ISSUER. */
export function consoleRouter(distDir: string, identityProvider?: string): Router | undefined {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    (_req, _res, next) => next(notFound('Console asset')),
  );
  const headers = pageHeaders(identityProvider);
  router.use(express.static(distDir, { index: false, setHeaders: headers }));
  router.use((req, res, next) => {
    if (!wantsPage(req)) return next();
    headers(res);
    res.sendFile(index);
  });
  return router;
}

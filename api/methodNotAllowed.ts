// A known path asked with a method it does not have: 405 with an `Allow` header naming the methods
// it has (RFC 9110 §15.5.6), in the contract's error shape, before authentication (the answer is the
// same for anyone). OPTIONS answers 204 with the same `Allow`; HEAD goes wherever GET does.
import { Router } from 'express';
import { ApiError } from './errors';

/** `paths`: Express-style paths, each with the methods (upper case) it has. */
export function methodNotAllowed(paths: ReadonlyMap<string, ReadonlySet<string>>): Router {
  const router = Router();
  for (const [path, methods] of paths) {
    const allow = [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    router.all(path, (req, res, next) => {
      if (methods.has(req.method) || (req.method === 'HEAD' && methods.has('GET'))) return next();
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') return void res.status(204).end();
      next(new ApiError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; this path takes ${allow}.`));
    });
  }
  return router;
}

/** The methods of each path, from route declarations (`method` lower case, as Express names them). */
export function methodsByPath(routes: Iterable<{ method: string; path: string }>): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  for (const { method, path } of routes) paths.set(path, (paths.get(path) ?? new Set()).add(method.toUpperCase()));
  return paths;
}

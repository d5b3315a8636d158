// The Express application: cross-cutting middleware, then the declared routes under /api/v1.
import { randomUUID } from 'node:crypto';
import express, { type Express, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { authenticate, developmentVerifier, type TokenVerifier } from './auth';
import { authConfigRouter } from './authConfig';
import { codecRouter, type CodecEndpointOptions } from './codec';
import { consoleRouter } from './console';
import { identityRoutes } from './routes/identity';
import { ApiError, errorHandler, unknownRoute } from './errors';
import { createMetrics, healthRouter, type Liveness } from './health';
import { Idempotency } from './idempotency';
import { methodNotAllowed, methodsByPath } from './methodNotAllowed';
import { API_BASE, openApiDocument, publicPaths } from './openapi';
import { mountRoutes, type RouteSpec } from './route';
import { agencyRoutes } from './routes/agencies';
import { auditRoutes } from './routes/audit';
import { catalogRoutes } from './routes/catalog';
import { enterpriseRoutes } from './routes/enterprises';
import { enterpriseViewRoutes } from './routes/enterpriseViews';
import { listRoutes } from './routes/lists';
import { observationPeriodRoutes } from './routes/observationPeriods';
import { penaltyRecordRoutes } from './routes/penaltyRecords';
import { policyRoutes } from './routes/policies';
import { PUBLIC_BASE, publicOpenApiPaths, publicRouter } from './routes/public';
import { rectificationRoutes } from './routes/rectifications';
import { bulkRoutes } from './routes/bulk';
import { devTokenPath, devTokenRouter } from './routes/devTokens';
import { statsRoutes } from './routes/stats';
import { taskRoutes } from './routes/tasks';
import { ratingRoutes } from './routes/ratings';
import { inspectionRoutes } from './routes/inspections';
import { whitelistRoutes } from './routes/whitelist';
import { supervisionListRoutes } from './routes/supervisionLists';
import { objectionRoutes } from './routes/objections';
import { offsetRoutes } from './routes/offsets';
import { followUpRoutes } from './routes/followUps';
import { repairServiceRoutes } from './routes/repairService';
import { registerTokenAgencies } from './services/agencies';
import type { EvidenceStore } from './evidenceStore';
import { temporaryDocumentStore } from '../db/fileStore';
import { documentRoutes } from './routes/documents';
import { notificationRoutes } from './routes/notifications';
import { syncEntryRoutes } from './routes/syncEntries';
import type { CalendarDate } from '../domain';

export interface AppDeps {
  config: Pick<Config, 'RATE_LIMIT_PER_MINUTE' | 'JSON_BODY_LIMIT' | 'EVIDENCE_MAX_BYTES' | 'TEMPORAL_TASK_QUEUE'> &
    Partial<Pick<Config, 'oidc' | 'developmentTokens' | 'TRUST_PROXY'>>;
  db: Database;
  temporal: Client;
  evidence: EvidenceStore;
  /** Where the worker stores issued documents (DATA_DIR/documents); a temporary directory when absent. */
  documents?: EvidenceStore;
  /** Today's calendar date in Shanghai: the real one in service, the Temporal server's in tests. */
  today(): Promise<CalendarDate>;
  /** The development key (HS256): verifies bearer tokens unless `verifier` is given; absent with OIDC. */
  signingKey?: Uint8Array;
  /** Verifies bearer tokens instead of the development key: the identity provider's, with OIDC_ISSUER. */
  verifier?: TokenVerifier;
  logger: Logger;
  /** The Temporal Web UI's codec endpoint at /codec (api/codec.ts); not served when absent. */
  codecEndpoint?: CodecEndpointOptions;
  /** What else the process owns and /healthz reports on (npm start's Temporal server). */
  liveness?: Liveness;
  /** The built web console (web/dist), served from `/`; not served when absent or not built. */
  consoleDir?: string;
  /** The console's development sign-in, `POST /dev/tokens` (api/routes/devTokens.ts); 404 unless true. */
  devTokens?: boolean;
}

export function routeTable(deps: AppDeps): RouteSpec[] {
  return [
    ...enterpriseRoutes(deps.db),
    ...enterpriseViewRoutes(deps.db),
    ...catalogRoutes(deps.db),
    ...agencyRoutes(deps.db),
    ...policyRoutes(deps),
    ...listRoutes(deps),
    ...observationPeriodRoutes(deps),
    ...penaltyRecordRoutes(deps),
    ...rectificationRoutes(deps),
    ...auditRoutes(deps.db),
    ...taskRoutes(deps.db),
    ...statsRoutes(deps),
    ...bulkRoutes(deps),
    ...ratingRoutes(deps),
    ...inspectionRoutes(deps),
    ...whitelistRoutes(deps),
    ...supervisionListRoutes(deps),
    ...objectionRoutes(deps),
    ...offsetRoutes(deps),
    ...followUpRoutes(deps),
    ...repairServiceRoutes(deps),
    ...identityRoutes(),
    ...documentRoutes({ ...deps, documents: deps.documents ?? temporaryDocumentStore() }),
    ...notificationRoutes(deps.db),
    ...syncEntryRoutes(deps),
  ];
}

/** The OpenAPI document the app serves at /openapi.json (the console's client is generated from it). */
export function servedOpenApi(deps: AppDeps, specs = routeTable(deps)) {
  const openapi = openApiDocument(specs, publicOpenApiPaths());
  if (deps.devTokens) openapi.paths['/dev/tokens'] = devTokenPath();
  return openapi;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  const metrics = createMetrics();
  const specs = routeTable(deps);
  const openapi = servedOpenApi(deps, specs);
  const verifier = deps.verifier ?? developmentVerifier(required(deps.signingKey, 'a signing key or a verifier'));

  app.disable('x-powered-by');
  // Behind a load balancer, the client's address (rate limits, logs) is the one it forwards.
  app.set('trust proxy', deps.config.TRUST_PROXY ?? false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
        res.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status: res.statusCode }));
    next();
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi));
  app.use(helmet());

  const operations = Router();
  const operationPaths = [...Object.keys(publicPaths), '/openapi.json'].map((path) => ({ method: 'get', path }));
  operations.use(methodNotAllowed(methodsByPath(operationPaths)));
  operations.use(healthRouter({ ...deps, metrics }));
  operations.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(operations);
  app.use(API_BASE, operations);
  app.use(API_BASE, authConfigRouter(deps.config));
  // Before the rate limit: loading the console's files is not API traffic.
  const webConsole = deps.consoleDir ? consoleRouter(deps.consoleDir, deps.config.oidc?.issuer) : undefined;
  if (webConsole) app.use(webConsole);

  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.config.RATE_LIMIT_PER_MINUTE,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(new ApiError(429, 'RATE_LIMITED', 'Too many requests; slow down and retry later.')),
    }),
  );
  // Public disclosure: no token, rate limited like everything after the limiter.
  app.use(PUBLIC_BASE, publicRouter(deps.db, deps.today));
  // The development sign-in signs with the development key: there is none with OIDC.
  const { signingKey } = deps;
  const devTokens = {
    enabled: Boolean(deps.devTokens && signingKey),
    signingKey,
    jsonBodyLimit: deps.config.JSON_BODY_LIMIT,
  };
  app.use(API_BASE, devTokenRouter(devTokens));
  const api = Router();
  // The API's own routes, and the two mounted beside them (identity configuration, development tokens).
  const besides = [
    { method: 'get', path: '/auth/config' },
    { method: 'post', path: '/dev/tokens' },
  ];
  api.use(methodNotAllowed(methodsByPath([...specs, ...besides])));
  api.use(express.json({ limit: deps.config.JSON_BODY_LIMIT }));
  api.use(authenticate(verifier));
  api.use(registerTokenAgencies(deps.db));
  mountRoutes(api, specs, {
    idempotency: new Idempotency(deps.db),
    uploads: { store: deps.evidence, maxFileBytes: deps.config.EVIDENCE_MAX_BYTES },
  });
  app.use(API_BASE, api);
  if (deps.codecEndpoint) {
    app.use('/codec', codecRouter({ ...deps.codecEndpoint, verifier, jsonBodyLimit: deps.config.JSON_BODY_LIMIT }));
  }

  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`createApp needs ${what}`);
  return value;
}

// A real OpenID Connect provider for tests: `oidc-provider` on 127.0.0.1 (a free port), issuing
// JWT access tokens through the client-credentials grant with a resource indicator (RFC 8707)
// naming the API, signed with keys of its own that the test can rotate. Each client stands for a
// user: the provider puts that user's claims into the token (Keycloak-style roles in
// `realm_access.roles`), and a client may bend its token's times to test expiry and not-before.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

export type SigningAlgorithm = 'RS256' | 'ES256';

/** A private signing key, as the provider's `jwks` option takes it. */
export type SigningKey = JWK & { kid: string; alg: SigningAlgorithm };

let keys = 0;
export async function newSigningKey(alg: SigningAlgorithm): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `${alg.toLowerCase()}-${++keys}`, alg, use: 'sig' };
}

export interface TestUser {
  /** The OAuth client that obtains this user's tokens; also the token's `sub`. */
  clientId: string;
  /** Claims the provider adds to the user's access tokens. */
  claims: Record<string, unknown>;
  /** Changes the token's payload before it is signed (e.g. an `exp` in the past). */
  adjust?: (payload: Record<string, unknown>) => void;
}

export interface TestIssuer {
  /** The issuer identifier, `http://127.0.0.1:<port>`. */
  issuer: string;
  /** An access token for `user`, for `resource` (the API's audience unless told otherwise). */
  token(clientId: string, resource?: string): Promise<string>;
  /** Publishes these keys from now on; the first one signs. */
  rotate(keys: SigningKey[]): void;
  /** How many times the provider's key set was fetched. */
  readonly keySetFetches: number;
  close(): Promise<void>;
}

/**
 * Where the provider keeps what it issues (here: client-credentials grants): a map per model.
 * Its own default does the same but warns on every start that it is not for production.
 */
class MemoryStore {
  private static readonly models = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly records: Map<string, Record<string, unknown>>;
  constructor(model: string) {
    this.records = MemoryStore.models.get(model) ?? new Map();
    MemoryStore.models.set(model, this.records);
  }
  async upsert(id: string, payload: Record<string, unknown>) {
    this.records.set(id, payload);
  }
  async find(id: string) {
    return this.records.get(id);
  }
  async findByUid(uid: string) {
    return [...this.records.values()].find((r) => r.uid === uid);
  }
  async findByUserCode(code: string) {
    return [...this.records.values()].find((r) => r.userCode === code);
  }
  async consume(id: string) {
    const record = this.records.get(id);
    if (record) record.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    this.records.delete(id);
  }
  async revokeByGrantId(grantId: string) {
    for (const [id, r] of this.records) if (r.grantId === grantId) this.records.delete(id);
  }
}

const CLIENT_SECRET = 'test-client-secret-of-sufficient-length';
const ACCESS_TOKEN_SECONDS = 300;

export async function startTestIssuer(options: {
  users: TestUser[];
  keys: SigningKey[];
  /** Resource indicators the provider issues tokens for. */
  resources: string[];
}): Promise<TestIssuer> {
  const users = new Map(options.users.map((u) => [u.clientId, u]));
  let handle: http.RequestListener = () => undefined;
  let keySetFetches = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/jwks')) keySetFetches++;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A provider's keys are fixed when it is made: a rotation makes a new one behind the same server.
  const serve = (keys: SigningKey[]) => {
    const alg = keys[0]!.alg;
    const provider = new Provider(issuer, {
      clients: options.users.map((u) => ({
        client_id: u.clientId,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      adapter: MemoryStore,
      clientDefaults: { id_token_signed_response_alg: alg },
      jwks: { keys },
      ttl: { ClientCredentials: ACCESS_TOKEN_SECONDS },
      features: {
        clientCredentials: { enabled: true },
        devInteractions: { enabled: false },
        resourceIndicators: {
          enabled: true,
          getResourceServerInfo: async (_ctx, resource) => {
            if (!options.resources.includes(resource)) throw new Error(`unknown resource ${resource}`);
            return {
              scope: 'api',
              audience: resource,
              accessTokenFormat: 'jwt',
              accessTokenTTL: ACCESS_TOKEN_SECONDS,
              jwt: { sign: { alg } },
            };
          },
        },
      },
      extraTokenClaims: async (_ctx, token) => users.get(String(token.clientId))?.claims,
      formats: {
        customizers: {
          jwt: async (_ctx, token, jwt) => users.get(String(token.clientId))?.adjust?.(jwt.payload),
        },
      },
    });
    handle = provider.callback();
  };
  serve(options.keys);

  return {
    issuer,
    async token(clientId, resource = options.resources[0]!) {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: CLIENT_SECRET,
          resource,
          scope: 'api',
        }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!res.ok || !body.access_token) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    rotate: serve,
    get keySetFetches() {
      return keySetFetches;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

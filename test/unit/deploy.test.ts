// The deployment files (deploy/) parsed and checked against the code they deploy: every variable
// they set for a Tempered process is one config/ reads, every command an npm script that exists,
// every service health-checked, and the Temporal setup registers the search attributes the
// workflows upsert.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../../config';
import { searchAttributeKeys } from '../../workflows/searchAttributes';

const root = path.resolve(import.meta.dirname, '../..');
const deploy = path.join(root, 'deploy');
const read = (file: string) => readFileSync(path.join(deploy, file), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

/** `npm run [--silent] NAME` → NAME; anything else undefined. */
function npmScript(command: unknown): string | undefined {
  if (!Array.isArray(command) || command[0] !== 'npm' || command[1] !== 'run') return undefined;
  return command.slice(2).find((part) => !String(part).startsWith('-'));
}

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  restart?: string;
}

describe('deploy/compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;
  const tempered = Object.entries(services).filter(([, s]) => s.image?.startsWith('tempered:'));
  /** Run once to completion (schema set-up, migrations): the others wait for them to succeed. */
  const oneShot = new Set(
    Object.values(services).flatMap((s) =>
      Object.entries(s.depends_on ?? {})
        .filter(([, d]) => d.condition === 'service_completed_successfully')
        .map(([name]) => name),
    ),
  );

  it('runs Postgres, Temporal on Postgres with its UI, the migration step, the worker and the API', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'migrate', 'worker', 'api']),
    );
    expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(tempered.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    expect(oneShot).toEqual(new Set(['migrate', 'temporal-schema', 'temporal-setup']));
  });

  it('health-checks every long-running service, and waits only on checks that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!oneShot.has(name)) expect(service.healthcheck?.test, name).toBeDefined();
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        if (condition === 'service_healthy') expect(services[dependency]!.healthcheck, dependency).toBeDefined();
      }
    }
  });

  it('sets only variables config/ reads for the API, the worker and the migration step', () => {
    for (const [name, service] of tempered) {
      const unknown = Object.keys(service.environment ?? {}).filter((v) => !configVariables.includes(v));
      expect(unknown, name).toEqual([]);
    }
  });

  it('runs npm scripts that exist', () => {
    const commands = tempered.flatMap(([, s]) => [s.command, s.healthcheck?.test.slice(1)]);
    const named = commands.map(npmScript).filter((s) => s !== undefined);
    expect(named.sort()).toEqual(['api', 'db:migrate', 'worker', 'worker:health']);
    for (const script of named) expect(scripts[script!], script).toBeDefined();
  });

  it('mounts files that exist', () => {
    const mounted = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]!)
      .filter((source) => source.startsWith('.'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const source of mounted) expect(existsSync(path.join(deploy, source)), source).toBe(true);
  });

  it('documents every variable it needs in compose.env.example', () => {
    const example = new Set(
      read('compose.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=')[0]),
    );
    const required = [...read('compose.yaml').matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const variable of required) expect(example.has(variable!), variable).toBe(true);
  });

  it('registers every search attribute the workflows upsert, with its type', () => {
    const registered = [...read('temporal/setup-namespace.sh').matchAll(/^register (\w+) (\w+)$/gm)].map(
      ([, name, type]) => `${name}:${type!.toUpperCase()}`,
    );
    expect(registered.sort()).toEqual(searchAttributeKeys.map((k) => `${k.name}:${k.type}`).sort());
  });
});

interface Container {
  name: string;
  command?: string[];
  env?: Array<{ name: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: { httpGet?: { path: string }; exec?: { command: string[] } };
  livenessProbe?: { httpGet?: { path: string }; exec?: { command: string[] } };
}

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: { template?: { spec: { containers: Container[] } } };
}

describe('deploy/kubernetes', () => {
  const directory = path.join(deploy, 'kubernetes');
  const files = readdirSync(directory).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
  const manifests: Manifest[] = files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(directory, file), 'utf8')).map((doc) => {
      expect(doc.errors, file).toEqual([]);
      return doc.toJS() as Manifest;
    }),
  );
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const containers = (m: Manifest | undefined) => m?.spec?.template?.spec.containers ?? [];
  const workloads = manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');

  it('applies every manifest through the kustomization', () => {
    const kustomization = parse(readFileSync(path.join(directory, 'kustomization.yaml'), 'utf8'));
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it('runs the API and the worker as Deployments, ready on /readyz and on polling, and migrations as a Job', () => {
    const [api] = containers(named('Deployment', 'tempered-api'));
    const [worker] = containers(named('Deployment', 'tempered-worker'));
    const [migrate] = containers(named('Job', 'tempered-migrate'));

    expect(npmScript(api?.command)).toBe('api');
    expect(api?.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(api?.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(npmScript(worker?.command)).toBe('worker');
    expect(npmScript(worker?.readinessProbe?.exec?.command)).toBe('worker:health');
    expect(npmScript(migrate?.command)).toBe('db:migrate');
    for (const container of [api, worker, migrate]) expect(scripts[npmScript(container?.command)!]).toBeDefined();
  });

  it('keeps the keys and the identity provider’s settings in Secrets', () => {
    const secretKeys = manifests
      .filter((m) => m.kind === 'Secret')
      .flatMap((m) => Object.keys({ ...m.data, ...m.stringData }));
    const oidcVariables = configVariables.filter((v) => v.startsWith('OIDC_') && !v.startsWith('OIDC_JWKS_'));

    expect(secretKeys).toEqual(
      expect.arrayContaining(['JWT_SECRET', 'PAYLOAD_KEYS', 'DATABASE_URL', ...oidcVariables]),
    );
  });

  it('sets only variables config/ reads, from ConfigMaps and Secrets that exist', () => {
    expect(workloads.length).toBe(3);
    for (const workload of workloads) {
      for (const container of containers(workload)) {
        const variables = (container.env ?? []).map((e) => e.name);
        for (const source of container.envFrom ?? []) {
          const ref = source.configMapRef ?? source.secretRef;
          const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
          const referenced = named(kind, ref!.name);
          expect(referenced, `${workload.metadata.name} → ${kind} ${ref!.name}`).toBeDefined();
          variables.push(...Object.keys({ ...referenced!.data, ...referenced!.stringData }));
        }
        expect(variables.length).toBeGreaterThan(0);
        expect(
          variables.filter((v) => !configVariables.includes(v)),
          workload.metadata.name,
        ).toEqual([]);
      }
    }
  });
});

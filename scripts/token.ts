// `npm run token -- --role R --sub S [--enterprise USCC] [--agency A] [--ttl 12h]`: prints a JWT
// signed with the key the service uses for the same DATA_DIR / JWT_SECRET.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { loadSigningKey, roles, signToken, type Role } from '../api/auth';

/** Officers and legal reviewers need an agency; development tokens get this one unless told otherwise. */
const DEVELOPMENT_AGENCY = 'dev-agency';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    enterprise: { type: 'string' },
    agency: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});

if (!values.role || !roles.includes(values.role as Role) || !values.sub) {
  console.error(
    `usage: npm run token -- --role (${roles.join('|')}) --sub USER [--enterprise USCC] [--agency A] [--ttl 12h]`,
  );
  process.exit(2);
}
const role = values.role as Role;
const agency = values.agency ?? (role === 'officer' || role === 'legal_reviewer' ? DEVELOPMENT_AGENCY : undefined);
try {
  const config = loadConfig();
  if (config.oidc) throw new Error(`OIDC_ISSUER is set: the service accepts only ${config.oidc.issuer}'s tokens.`);
  const key = await loadSigningKey(config);
  console.log(await signToken(key, { sub: values.sub, role, enterpriseId: values.enterprise, agency }, values.ttl));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

// `GET /auth/me`: who the bearer token names, as this API reads it. The console asks it after an
// identity provider's sign-in: where a provider puts roles, enterprise and agency is configuration
// (OIDC_*_CLAIM, config/oidc.ts) the console does not know and should not repeat.
import { z } from 'zod';
import { roles } from '../auth';
import { UNSCOPED } from '../permissions';
import { route } from '../route';

const identitySchema = z.object({
  sub: z.string().describe('The user id (`sub`)'),
  role: z.enum(roles),
  enterpriseId: z.string().optional().describe('A business user’s enterprise'),
  agency: z.string().optional().describe('An officer’s or legal reviewer’s agency'),
});

export function identityRoutes() {
  return [
    route({
      method: 'get',
      path: '/auth/me',
      summary: 'The caller, as the API maps its token’s claims',
      tag: 'auth',
      roles,
      scope: UNSCOPED,
      responses: { 200: { description: 'The caller', schema: identitySchema } },
      async handler({ principal }) {
        const { sub, role, enterpriseId, agency } = principal;
        return { status: 200, body: { sub, role, enterpriseId, agency } };
      },
    }),
  ];
}

// Driving rectifications through the HTTP API in tests: tokens for each party, a registered
// enterprise, and one call per human step.
import { todayInShanghai } from '../../domain';
import type { ApiContext } from './context';
import { makeUscc } from './fixtures';

/** A tiny but genuine PDF, so evidence passes the content check. */
export const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** An `order_only` rectification order (no list needed) for advertising wording, due in `workingDays`. */
export const orderOnly = (enterpriseId: string, findings: string, workingDays = 20) => ({
  enterpriseId,
  matterCode: 'MS-002',
  disposition: 'order_only',
  findings,
  requiredActions: ['撤下含绝对化用语的广告'],
  deadline: { workingDays },
});

export interface EvidenceUpload {
  name: string;
  type: string;
  bytes: Buffer;
}

/** The multipart body of an evidence submission; by default one small PDF named after the description. */
export function evidenceForm(
  description: string,
  files: EvidenceUpload[] = [{ name: 'p.pdf', type: 'application/pdf', bytes: pdf(description) }],
): FormData {
  const form = new FormData();
  form.append('description', description);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

export async function rectificationParties(ctx: ApiContext, serial: number, agency = 'SAMR-HZ') {
  const enterpriseId = makeUscc(serial);
  const officer = await ctx.api.token({ sub: `officer-${serial}`, role: 'officer', agency });
  const business = await ctx.api.token({ sub: `biz-${serial}`, role: 'business', enterpriseId });
  const registered = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: { id: enterpriseId, name: `企业${serial}`, kind: 'legal_person' },
  });
  if (registered.status !== 201) throw new Error(`could not register enterprise: ${JSON.stringify(registered.body)}`);
  return { enterpriseId, officer, business };
}

/** The body of a plain order to correct (order_only) for a catalogued matter; `extra` overrides fields. */
export const orderToCorrect = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-001',
  disposition: 'order_only',
  findings: '未亮照经营',
  requiredActions: ['将营业执照置于醒目位置'],
  deadline: { workingDays: 10 },
  ...extra,
});

export function rectifications(ctx: ApiContext) {
  const base = '/api/v1/rectifications';
  return {
    order: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      ctx.api.call('POST', base, { token, body, headers }),
    get: (token: string, id: string) => ctx.api.call('GET', `${base}/${id}`, { token }),
    step: (token: string, id: string, step: string, body: unknown, headers?: Record<string, string>) =>
      ctx.api.call('POST', `${base}/${id}/${step}`, { token, body, headers }),
    evidence(
      token: string,
      id: string,
      description: string,
      files: EvidenceUpload[],
      headers?: Record<string, string>,
    ) {
      return ctx.api.call('POST', `${base}/${id}/evidence`, {
        token,
        rawBody: evidenceForm(description, files),
        headers,
      });
    },
  };
}

/** The calendar date in Shanghai by the Temporal server's clock, which time skipping moves. */
export async function serverToday(ctx: ApiContext): Promise<string> {
  return todayInShanghai(new Date(await ctx.env.currentTimeMs()));
}

/** An order to rectify: MS-001 without penalty, 10 working days; override any field. */
export const orderBody = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-001',
  disposition: 'no_penalty',
  findings: '现场检查发现违法行为',
  requiredActions: ['立即改正'],
  deadline: { workingDays: 10 },
  ...extra,
});

// Follow-up visits (回访) after every decision and their register (回访台账): a visit falls due the
// policy's 30 days after a penalty record is entered, an offset concludes or a rectification's
// evidence is accepted; the officer records it once with the party's opinion; the register and its
// CSV list exactly what was due and done.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain';
import { useApi } from '../support/context';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { parseCsv } from '../support/csv';
import { offerBody, offsets, sessionOn } from '../support/offsets';
import { penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });
const AGENCY = 'FOLLOW-UP';
const visitBody = (visitedOn: string, opinion = 'satisfied', extra: Record<string, unknown> = {}) => ({
  visitedOn,
  corrected: true,
  opinion,
  note: '回访：已整改到位',
  ...extra,
});

const register = async (token: string, query = '') =>
  ctx.api.call('GET', `/api/v1/follow-ups?agency=${AGENCY}${query}`, { token });

describe('follow-up visits after every decision', () => {
  let today: string;
  const ids = {} as Record<'record' | 'offset' | 'rectification', string>;
  let officer: string;

  it('falls due 30 days after the decision, as an officer task, and is recorded once with the opinion', async () => {
    today = await serverToday(ctx);
    const p = await rectificationParties(ctx, 1, AGENCY);
    officer = p.officer;
    // A penalty record decided today.
    const record = await penaltyRecords(ctx).enter(p.officer, penaltyDecision(p.enterpriseId, today));
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    ids.record = record.body.id;
    // An offset completed today.
    const offered = await offsets(ctx).offer(p.officer, offerBody(p.enterpriseId, 50));
    ids.offset = offered.body.id;
    await offsets(ctx).step(p.business, ids.offset, 'acceptance', { accept: true });
    const session = await offsets(ctx).step(p.business, ids.offset, 'sessions', sessionOn(today, 1));
    await offsets(ctx).confirm(p.officer, ids.offset, session.body.sessions[0].id);
    // A rectification accepted today.
    const order = await rectifications(ctx).order(p.officer, {
      enterpriseId: p.enterpriseId,
      matterCode: 'MS-001',
      disposition: 'order_only',
      findings: '未亮照经营',
      requiredActions: ['亮照经营'],
      deadline: { workingDays: 10 },
    });
    ids.rectification = order.body.id;
    await rectifications(ctx).evidence(p.business, ids.rectification, '已亮照', [
      { name: 'p.pdf', type: 'application/pdf', bytes: pdf('licence') },
    ]);
    await rectifications(ctx).step(p.officer, ids.rectification, 'review', { decision: 'accepted', reasons: '到位' });

    const tasks = (await ctx.api.call('GET', '/api/v1/tasks', { token: p.officer })).body.tasks;
    const early = await ctx.api.call('POST', `/api/v1/offsets/${ids.offset}/follow-up`, {
      token: p.officer,
      body: visitBody(addDays(today, -1)),
    });
    const answers = await sendAtOnce(5, () =>
      ctx.api.call('POST', `/api/v1/penalty-records/${ids.record}/follow-up`, {
        token: p.officer,
        body: visitBody(today, 'dissatisfied', { corrected: false, comments: '处罚过重' }),
      }),
    );

    const due = addDays(today, 30);
    expect(
      tasks.map((t: { processId: string; step: string; dueOn: string }) => [t.processId, t.step, t.dueOn]),
    ).toEqual(
      expect.arrayContaining([
        [ids.record, 'follow_up_visit', due],
        [ids.offset, 'follow_up_visit', due],
        [ids.rectification, 'follow_up', due],
      ]),
    );
    expect([early.status, early.body.error.code]).toEqual([422, 'DATE_OUTSIDE_PERIOD']);
    expectOneAccepted(answers, 201);
    const open = (await ctx.api.call('GET', '/api/v1/tasks', { token: p.officer })).body.tasks;
    expect(open.filter((t: { processId: string }) => t.processId === ids.record)).toEqual([]);
  });

  it('records the rectification’s visit, with the party’s opinion, through its own step', async () => {
    const visited = await rectifications(ctx).step(officer, ids.rectification, 'follow-up', {
      visitedOn: today,
      outcome: 'compliant',
      note: '未复发',
      opinion: 'neutral',
      comments: '流程清楚',
    });

    expect(visited.body).toMatchObject({ status: 'closed', followUps: [{ opinion: 'neutral', comments: '流程清楚' }] });
  });

  it('lists exactly what was due and done in the register, with opinion counts, and as CSV', async () => {
    const res = await register(officer, `&from=${today}&to=${addDays(today, 30)}`);
    const csv = await ctx.api.call(
      'GET',
      `/api/v1/follow-ups.csv?agency=${AGENCY}&from=${today}&to=${addDays(today, 30)}`,
      {
        token: officer,
      },
    );
    const stats = await ctx.api.call('GET', `/api/v1/stats?from=${today}&to=${today}`, { token: officer });

    const due = addDays(today, 30);
    const row = (processType: string, decision: string, visit: Record<string, unknown>) => ({
      processType,
      processId: ids[processType === 'penalty_record' ? 'record' : (processType as 'offset' | 'rectification')],
      agency: AGENCY,
      decision,
      decidedOn: today,
      dueOn: due,
      ...visit,
    });
    const none = { visitedOn: null, corrected: null, opinion: null, comments: null, note: null, recordedBy: null };
    expect(res.body.visits).toEqual(
      expect.arrayContaining([
        expect.objectContaining(
          row('penalty_record', 'penalty_record', {
            visitedOn: today,
            corrected: false,
            opinion: 'dissatisfied',
            comments: '处罚过重',
            note: '回访：已整改到位',
            recordedBy: 'officer-1',
          }),
        ),
        expect.objectContaining(row('offset', 'offset_completed', none)),
        expect.objectContaining(
          row('rectification', 'rectification_accepted', {
            visitedOn: today,
            corrected: true,
            opinion: 'neutral',
            comments: '流程清楚',
            note: '未复发',
            recordedBy: 'officer-1',
          }),
        ),
      ]),
    );
    expect(res.body.visits).toHaveLength(3);
    expect(res.body.counts).toEqual({ due: 1, visited: 2, opinions: { satisfied: 0, neutral: 1, dissatisfied: 1 } });
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header?.slice(0, 3)).toEqual(['案件类型', '案件编号', '统一社会信用代码']);
    expect(rows.map((r) => [r[0], r[header!.indexOf('当事人评价')]]).sort()).toEqual([
      ['offset', ''],
      ['penalty_record', 'dissatisfied'],
      ['rectification', 'neutral'],
    ]);
    expect(stats.body.followUpOpinions).toEqual({ visits: 2, satisfied: 0, neutral: 1, dissatisfied: 1 });
  });

  it('refuses a visit where no decision has called for one, and another agency’s officer', async () => {
    const p = await rectificationParties(ctx, 2, AGENCY);
    const offered = await offsets(ctx).offer(p.officer, offerBody(p.enterpriseId, 50));
    const foreign = await ctx.api.token({ sub: 'officer-x', role: 'officer', agency: 'SAMR-HZ' });

    const early = await ctx.api.call('POST', `/api/v1/offsets/${offered.body.id}/follow-up`, {
      token: p.officer,
      body: visitBody(today),
    });
    const elsewhere = await ctx.api.call('POST', `/api/v1/offsets/${ids.offset}/follow-up`, {
      token: foreign,
      body: visitBody(today),
    });

    expect([early.status, early.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect(elsewhere.status).toBe(404);
  });
});

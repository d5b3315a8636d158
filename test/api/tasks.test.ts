// GET /tasks over a read model filled directly, so that pages, ties on due dates, closed tasks and
// every scope can be laid out exactly; test/workflows/tasks.test.ts drives real processes instead.
import type { Task as ListedTask } from '../../api/routes/tasks';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema';
import { addDays, type AssigneeRole } from '../../domain';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';

const ctx = useApi();

type TaskRow = typeof tasks.$inferInsert;

/** Open tasks of one agency's officers, several due on each day, in an order unlike the key order. */
function officerTasks(agency: string, count: number, firstDue: string, extra: Partial<TaskRow> = {}): TaskRow[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${randomUUID()}:review#${i}`,
    processType: 'rectification',
    processId: randomUUID(),
    enterpriseId: makeUscc(1000 + (i % 9)),
    agency,
    assigneeRole: 'officer',
    step: 'review',
    dueOn: addDays(firstDue, (i * 7) % 23),
    overdue: i % 5 === 0,
    openedAt: new Date('2026-11-01T02:00:00Z'),
    ...extra,
  }));
}

const insert = (rows: TaskRow[]) => ctx.database.db.insert(tasks).values(rows);

/** Every page of `GET /tasks?query`, following nextCursor to the end. */
async function walk(token: string, query: string): Promise<{ pages: ListedTask[][]; all: ListedTask[] }> {
  const pages: ListedTask[][] = [];
  let cursor: string | undefined;
  do {
    const res = await ctx.api.call('GET', `/api/v1/tasks?${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.tasks);
    cursor = res.body.nextCursor;
    if (pages.length > 100) throw new Error('the cursor does not advance');
  } while (cursor);
  return { pages, all: pages.flat() };
}

const byDueThenKey = (a: TaskRow, b: TaskRow) =>
  a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));

describe('GET /tasks paging', () => {
  it('walks every open task of the scope exactly once, by due date, across pages that split days', async () => {
    // Given 137 open officer tasks of one agency (several due each day), closed ones, and other agencies'
    const agency = 'PAGING-A';
    const open = officerTasks(agency, 137, '2026-12-01');
    await insert([
      ...open,
      ...officerTasks(agency, 20, '2026-12-01', { closedAt: new Date('2026-11-20T02:00:00Z') }),
      ...officerTasks('PAGING-B', 30, '2026-12-01'),
    ]);
    const officer = await ctx.api.token({ sub: 'officer-paging', role: 'officer', agency });

    // When the officer walks the list ten at a time
    const { pages, all } = await walk(officer, 'limit=10');

    // Then every open task comes once, in (due date, key) order, and nothing else
    expect(pages.map((p) => p.length)).toEqual([...Array(13).fill(10), 7]);
    expect(new Set(all.map((t) => t.processId)).size).toBe(137);
    expect(all.map((t) => t.processId)).toEqual([...open].sort(byDueThenKey).map((t) => t.processId));
    expect(all.every((t) => t.agency === agency && t.assigneeRole === 'officer')).toBe(true);
  });

  it('pages the overdue and the not-yet-due tasks apart, and together they are the whole list', async () => {
    const agency = 'PAGING-C';
    const open = officerTasks(agency, 60, '2026-12-05');
    await insert(open);
    const officer = await ctx.api.token({ sub: 'officer-status', role: 'officer', agency });

    const overdue = await walk(officer, 'status=overdue&limit=7');
    const due = await walk(officer, 'status=due&limit=7');

    expect(overdue.all.map((t) => t.processId)).toEqual(
      open
        .filter((t) => t.overdue)
        .sort(byDueThenKey)
        .map((t) => t.processId),
    );
    expect(due.all.map((t) => t.processId)).toEqual(
      open
        .filter((t) => !t.overdue)
        .sort(byDueThenKey)
        .map((t) => t.processId),
    );
    expect(overdue.all.every((t) => t.overdue)).toBe(true);
    expect(due.all.some((t) => t.overdue)).toBe(false);
  });

  it('answers 50 tasks by default, at most 200, and says when there are no more', async () => {
    const agency = 'PAGING-D';
    await insert(officerTasks(agency, 230, '2026-12-10'));
    const officer = await ctx.api.token({ sub: 'officer-limit', role: 'officer', agency });

    const first = await ctx.api.call('GET', '/api/v1/tasks', { token: officer });
    const largest = await ctx.api.call('GET', '/api/v1/tasks?limit=200', { token: officer });
    const rest = await ctx.api.call('GET', `/api/v1/tasks?limit=200&cursor=${largest.body.nextCursor}`, {
      token: officer,
    });

    expect(first.body.tasks).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(largest.body.tasks).toHaveLength(200);
    expect(rest.body.tasks).toHaveLength(30);
    expect(rest.body).not.toHaveProperty('nextCursor');
  });
});

describe('GET /tasks answers', () => {
  it('gives each task its process, enterprise name, step, due day and due instant (end of the day in Shanghai)', async () => {
    const enterpriseId = makeUscc(2001);
    const [row] = officerTasks('SHAPE-A', 1, '2026-12-02', { enterpriseId, overdue: false });
    await insert([row!]);
    const officer = await ctx.api.token({ sub: 'officer-shape', role: 'officer', agency: 'SHAPE-A' });
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: officer,
      body: { id: enterpriseId, name: '形状测试有限公司', kind: 'legal_person' },
    });

    const res = await ctx.api.call('GET', '/api/v1/tasks', { token: officer });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tasks: [
        {
          processType: 'rectification',
          processId: row!.processId,
          enterpriseId,
          enterpriseName: '形状测试有限公司',
          step: 'review',
          dueOn: '2026-12-02',
          dueAt: '2026-12-02T23:59:59+08:00',
          overdue: false,
          assigneeRole: 'officer',
          agency: 'SHAPE-A',
          openedAt: '2026-11-01T02:00:00.000Z',
        },
      ],
    });
  });

  it.each([
    ['limit=0', 'VALIDATION_FAILED'],
    ['limit=201', 'VALIDATION_FAILED'],
    ['limit=ten', 'VALIDATION_FAILED'],
    ['status=late', 'VALIDATION_FAILED'],
    ['cursor=not-a-cursor', 'VALIDATION_FAILED'],
    [`cursor=2026-13-45~${Buffer.from('k').toString('base64url')}`, 'VALIDATION_FAILED'],
    ['cursor=2026-11-02~a%2Bb', 'VALIDATION_FAILED'],
    ['assigneeRole=auditor', 'VALIDATION_FAILED'],
    ['enterpriseId=123', 'INVALID_USCC'],
  ])('refuses %s with 400 %s', async (query, code) => {
    const auditor = await ctx.api.token({ sub: 'auditor-1', role: 'auditor' });

    const res = await ctx.api.call('GET', `/api/v1/tasks?${query}`, { token: auditor });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('needs a token', async () => {
    const res = await ctx.api.call('GET', '/api/v1/tasks');

    expect(res.status).toBe(401);
  });
});

describe('GET /tasks scopes', () => {
  // One enterprise's steps for every kind of assignee, in two agencies.
  const mine = makeUscc(3001);
  const theirs = makeUscc(3002);
  const row = (enterpriseId: string, agency: string | null, assigneeRole: AssigneeRole, step: string): TaskRow => ({
    key: `${randomUUID()}:${step}#1`,
    processType: assigneeRole === 'credit_staff' ? 'penalty_record' : 'rectification',
    processId: randomUUID(),
    enterpriseId,
    agency,
    assigneeRole,
    step,
    // Earlier than every other test's tasks, so that a page of 200 holds them whatever else is open.
    dueOn: '2026-11-20',
    overdue: false,
    openedAt: new Date('2026-11-01T02:00:00Z'),
  });
  const layout = {
    officerA: row(mine, 'SCOPE-A', 'officer', 'review'),
    officerB: row(theirs, 'SCOPE-B', 'officer', 'follow_up'),
    businessMine: row(mine, 'SCOPE-A', 'business', 'evidence'),
    businessTheirs: row(theirs, 'SCOPE-B', 'business', 'commitment'),
    creditA: row(mine, 'SCOPE-A', 'credit_staff', 'repair_acceptance'),
    creditNoAgency: row(theirs, null, 'credit_staff', 'repair_decision'),
  };
  beforeAll(() => insert(Object.values(layout)));
  const listed = async (claims: Parameters<typeof ctx.api.token>[0], query = '') => {
    const res = await ctx.api.call('GET', `/api/v1/tasks?limit=200&${query}`, { token: await ctx.api.token(claims) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = new Set(Object.values(layout).map((t) => t.processId));
    return (res.body.tasks as ListedTask[]).filter((t) => ids.has(t.processId)).map((t) => t.processId);
  };

  it("shows officers only their own agency's officer steps", async () => {
    expect(await listed({ sub: 'o-a', role: 'officer', agency: 'SCOPE-A' })).toEqual([layout.officerA.processId]);
    expect(await listed({ sub: 'o-b', role: 'officer', agency: 'SCOPE-B' })).toEqual([layout.officerB.processId]);
    // A filter narrows the scope; it never widens it.
    expect(await listed({ sub: 'o-a', role: 'officer', agency: 'SCOPE-A' }, 'agency=SCOPE-B')).toEqual([]);
    expect(await listed({ sub: 'o-a', role: 'officer', agency: 'SCOPE-A' }, 'assigneeRole=business')).toEqual([]);
  });

  it("shows a business only its own enterprise's business steps", async () => {
    expect(await listed({ sub: 'b-1', role: 'business', enterpriseId: mine })).toEqual([layout.businessMine.processId]);
    expect(await listed({ sub: 'b-1', role: 'business', enterpriseId: mine }, `enterpriseId=${theirs}`)).toEqual([]);
  });

  it('shows credit staff every credit staff step, whichever the agency', async () => {
    expect((await listed({ sub: 'c-1', role: 'credit_staff' })).sort()).toEqual(
      [layout.creditA.processId, layout.creditNoAgency.processId].sort(),
    );
  });

  it('shows auditors and admins every open step, narrowed by role, agency or enterprise on request', async () => {
    const auditor = { sub: 'a-1', role: 'auditor' } as const;

    expect(await listed(auditor)).toHaveLength(6);
    expect(await listed({ sub: 'ad-1', role: 'admin' })).toHaveLength(6);
    expect(await listed(auditor, 'assigneeRole=officer&agency=SCOPE-B')).toEqual([layout.officerB.processId]);
    expect((await listed(auditor, 'agency=SCOPE-A')).sort()).toEqual(
      [layout.officerA.processId, layout.businessMine.processId, layout.creditA.processId].sort(),
    );
    expect((await listed(auditor, `enterpriseId=${theirs}&assigneeRole=credit_staff`)).sort()).toEqual([
      layout.creditNoAgency.processId,
    ]);
  });
});

// The hand-written baseline's one local activity: what a competent team would write by hand after
// a change to a case, in one Postgres transaction: the case row (upserted, only ever to a newer
// version), one audit row (under a deterministic key, so a retry writes nothing twice) and one task
// row. Plain SQL on the service's own tables, so the same indexes and the audit chain's insert
// trigger (db/migrations/0002_audit_chain.sql) are paid for: the same guarantee, none of the kit.
import type pg from 'pg';

export interface CaseChange {
  id: string;
  workflowId: string;
  runId: string;
  enterpriseId: string;
  agency: string;
  matterCode: string;
  status: string;
  version: number;
  view: unknown;
  openedAt: string;
  at: string;
  audit: { key: string; actor: string; role: string; action: string; reason?: string; before?: unknown };
  /** Open this task, or close it (the step it stood for is done). */
  task: { key: string; step: string; assigneeRole: string; dueOn: string; close: boolean };
}

export function createCaseRecordActivities(pool: pg.Pool) {
  return {
    async recordCase(c: CaseChange): Promise<void> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into processes (id, process_type, workflow_id, run_id, enterprise_id, agency, matter_code, status,
             version, view, opened_at, updated_at)
           values ($1, 'rectification', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           on conflict (id) do update set status = excluded.status, version = excluded.version,
             view = excluded.view, updated_at = excluded.updated_at
           where processes.version < excluded.version`,
          [
            c.id,
            c.workflowId,
            c.runId,
            c.enterpriseId,
            c.agency,
            c.matterCode,
            c.status,
            c.version,
            c.view,
            c.openedAt,
            c.at,
          ],
        );
        await client.query(
          `insert into audit_log (at, actor, role, action, entity_type, entity_id, before, after, reason, event_key, hash)
           values ($1, $2, $3, $4, 'rectification', $5, $6, $7, $8, $9, '')
           on conflict (event_key) do nothing`,
          [
            c.at,
            c.audit.actor,
            c.audit.role,
            c.audit.action,
            c.id,
            c.audit.before === undefined ? null : JSON.stringify(c.audit.before),
            JSON.stringify({ status: c.status }),
            c.audit.reason ?? null,
            c.audit.key,
          ],
        );
        if (c.task.close) {
          await client.query('update tasks set closed_at = $2 where key = $1 and closed_at is null', [
            c.task.key,
            c.at,
          ]);
        } else {
          await client.query(
            `insert into tasks (key, process_type, process_id, enterprise_id, agency, assignee_role, step, due_on, opened_at)
             values ($1, 'rectification', $2, $3, $4, $5, $6, $7, $8) on conflict (key) do nothing`,
            [c.task.key, c.id, c.enterpriseId, c.agency, c.task.assigneeRole, c.task.step, c.task.dueOn, c.at],
          );
        }
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}

// What bench:storm reads: triggers on the benchmark's throwaway database that stamp, with
// clock_timestamp() inside the recording transaction, each storm case's status turning `overdue`,
// its officer's `overdue_decision` task opening, and its deadline-missed and reminder audit entries.
// No polling of the read model, so the measurement costs the system under test almost nothing and
// a transition recorded twice shows up as two stamps.
import type pg from 'pg';
import { fmt } from './harness';

const DEADLINE_MISSED = 'rectification.deadline_missed';
const REMINDED = 'rectification.evidence_reminder';

const DDL = `
create table bench_storm_cases (process_id text primary key, cohort text not null);
create table bench_storm_events (process_id text not null, kind text not null, at timestamptz not null default clock_timestamp());
create function bench_storm_status() returns trigger language plpgsql as $$
begin
  if new.status = 'overdue' and old.status is distinct from new.status
     and exists (select 1 from bench_storm_cases where process_id = new.id) then
    insert into bench_storm_events (process_id, kind) values (new.id, 'overdue');
  end if;
  return null;
end $$;
create trigger bench_storm_status after update on processes for each row execute function bench_storm_status();
create function bench_storm_task() returns trigger language plpgsql as $$
begin
  if new.step = 'overdue_decision' then
    insert into bench_storm_events (process_id, kind) values (new.process_id, 'overdue_task');
  end if;
  return null;
end $$;
create trigger bench_storm_task after insert on tasks for each row execute function bench_storm_task();
create function bench_storm_audit() returns trigger language plpgsql as $$
begin
  if new.action in ('${DEADLINE_MISSED}', '${REMINDED}') then
    insert into bench_storm_events (process_id, kind) values (new.entity_id, new.action);
  end if;
  return null;
end $$;
create trigger bench_storm_audit after insert on audit_log for each row execute function bench_storm_audit();
`;

export interface StormProbe {
  deadlines: number;
  reminders: number;
  /** Polls (once a second, two counts) until every case has changed, or `timeoutS` after T. */
  waitUntilSettled(wallAtT: number, timeoutS: number, log: (line: string) => void): Promise<{ settledS: number }>;
}

export async function installStormProbe(
  pool: pg.Pool,
  deadlineIds: string[],
  reminderIds: string[],
): Promise<StormProbe> {
  await pool.query(DDL);
  await pool.query(
    `insert into bench_storm_cases (process_id, cohort)
     select id, 'deadline' from unnest($1::text[]) as id union all select id, 'reminder' from unnest($2::text[]) as id`,
    [deadlineIds, reminderIds],
  );
  const counts = async () => {
    const { rows } = await pool.query<{ overdue: string; reminded: string }>(
      `select count(distinct process_id) filter (where kind = 'overdue_task') as overdue,
              count(distinct process_id) filter (where kind = $1) as reminded
       from bench_storm_events`,
      [REMINDED],
    );
    return { overdue: Number(rows[0]!.overdue), reminded: Number(rows[0]!.reminded) };
  };
  return {
    deadlines: deadlineIds.length,
    reminders: reminderIds.length,
    async waitUntilSettled(wallAtT, timeoutS, log) {
      let lastLog = 0;
      for (;;) {
        const { overdue, reminded } = await counts();
        const sinceT = (Date.now() - wallAtT) / 1000;
        const done = overdue >= deadlineIds.length && reminded >= reminderIds.length;
        if (done || sinceT > timeoutS) {
          // A moment more, so that a change recorded twice has time to show.
          await new Promise((r) => setTimeout(r, 3_000));
          return { settledS: sinceT };
        }
        if (sinceT >= 0 && Date.now() - lastLog >= 10_000) {
          lastLog = Date.now();
          log(
            `  T+${fmt(sinceT, 0)} s: ${overdue}/${deadlineIds.length} overdue, ${reminded}/${reminderIds.length} reminded`,
          );
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
    },
  };
}

export interface StormOutcome {
  /** Per deadline case that made it: ms from T until both its status and its task were recorded. */
  transitions: number[];
  reminders: number[];
  lostTransitions: number;
  doubledTransitions: number;
  lostReminders: number;
  doubledReminders: number;
}

/** Per case: when it changed (ms after T, by the wall clock), and whether anything is missing or twice. */
export async function stormOutcome(pool: pg.Pool, probe: StormProbe, wallAtT: number): Promise<StormOutcome> {
  const { rows } = await pool.query<{
    cohort: string;
    done_ms: number | null;
    overdue: number;
    tasks: number;
    missed: number;
    reminded: number;
  }>(
    `select c.cohort,
            case when c.cohort = 'deadline'
              then case when count(*) filter (where e.kind = 'overdue') > 0 and count(*) filter (where e.kind = 'overdue_task') > 0
                        then extract(epoch from max(e.at) filter (where e.kind in ('overdue', 'overdue_task'))) * 1000 - $1::float8 end
              else extract(epoch from min(e.at) filter (where e.kind = $3)) * 1000 - $1::float8
            end::float8 as done_ms,
            count(*) filter (where e.kind = 'overdue')::int as overdue,
            count(*) filter (where e.kind = 'overdue_task')::int as tasks,
            count(*) filter (where e.kind = $2)::int as missed,
            count(*) filter (where e.kind = $3)::int as reminded
     from bench_storm_cases c left join bench_storm_events e using (process_id)
     group by c.process_id, c.cohort`,
    [wallAtT, DEADLINE_MISSED, REMINDED],
  );
  const deadline = rows.filter((r) => r.cohort === 'deadline');
  const reminder = rows.filter((r) => r.cohort === 'reminder');
  const times = (rs: typeof rows) => rs.filter((r) => r.done_ms !== null).map((r) => r.done_ms!);
  return {
    transitions: times(deadline),
    reminders: times(reminder),
    lostTransitions: deadline.filter((r) => r.overdue === 0 || r.tasks === 0 || r.missed === 0).length,
    doubledTransitions: deadline.filter((r) => r.overdue > 1 || r.tasks > 1 || r.missed > 1).length,
    lostReminders: reminder.filter((r) => r.reminded === 0).length,
    doubledReminders: reminder.filter((r) => r.reminded > 1).length,
  };
}

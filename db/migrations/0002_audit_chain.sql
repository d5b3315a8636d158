-- Tamper evidence for the audit trail. Every entry carries the SHA-256 of its canonical form, which
-- includes the previous entry's hash, so changing, removing or inserting an entry anywhere but at the
-- end breaks the chain (`npm run audit:verify` finds where). The database computes the chain, so
-- every writer (API requests, workflow activities, several processes at once) gets the same one,
-- and refuses UPDATE, DELETE and TRUNCATE outright. db/auditChain.ts mirrors the canonical form.
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
-- Version 1 of the canonical form: a JSON array, no spaces, of a version tag, the id, the instant
-- (UTC, microseconds), the text columns as JSON strings, `before` and `after` as JSON strings of
-- their jsonb text (Postgres's own canonical form of a jsonb value), and the previous hash; SQL
-- NULL as null. Keep it byte for byte equal to canonicalEntry() in db/auditChain.ts.
CREATE FUNCTION audit_log_canonical(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '["tempered.audit.v1",'
    || e.id::text || ','
    || to_json(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ','
    || to_json(e.actor)::text || ','
    || to_json(e.role)::text || ','
    || to_json(e.action)::text || ','
    || to_json(e.entity_type)::text || ','
    || to_json(e.entity_id)::text || ','
    || coalesce(to_json(e.before::text)::text, 'null') || ','
    || coalesce(to_json(e.after::text)::text, 'null') || ','
    || coalesce(to_json(e.reason)::text, 'null') || ','
    || coalesce(to_json(e.request_id)::text, 'null') || ','
    || coalesce(to_json(e.event_key)::text, 'null') || ','
    || coalesce(to_json(e.prev_hash)::text, 'null')
    || ']'
$$;--> statement-breakpoint
CREATE FUNCTION audit_log_hash(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_log_canonical(e), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Entries written before the chain existed are chained now, in id order. The ALTER TABLEs above
-- hold the table's exclusive lock until the migration commits, so nobody writes meanwhile.
DO $$
DECLARE
  entry audit_log;
  previous text;
BEGIN
  FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
    entry.prev_hash := previous;
    previous := audit_log_hash(entry);
    UPDATE audit_log SET prev_hash = entry.prev_hash, hash = previous WHERE id = entry.id;
  END LOOP;
END
$$;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
-- A second entry claiming the same predecessor would be a fork: refused even if the locking below failed.
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_prev_hash_unique" UNIQUE("prev_hash");--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  -- The latest entry is read after taking the lock, which only works if this query sees what
  -- committed meanwhile: with a transaction-wide snapshot two writers could chain to the same entry.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log entries can only be written in READ COMMITTED transactions, not %',
      upper(current_setting('transaction_isolation'))
      USING ERRCODE = 'feature_not_supported';
  END IF;
  -- One writer at a time, from its first entry until it commits or rolls back: whoever comes next
  -- then sees that writer's entries and chains to the last of them.
  PERFORM pg_advisory_xact_lock(724172);
  SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  -- The id default was drawn before the lock, so a writer that drew a larger one may have got the
  -- lock first and be chained already: draw again, so that id order stays chain order.
  IF NEW.id IS NULL OR NEW.id <= last_id THEN
    NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    IF NEW.id <= last_id THEN
      -- An entry was given an id ahead of the sequence (a restore, say): move the sequence past it.
      PERFORM setval(pg_get_serial_sequence('audit_log', 'id'), last_id);
      NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    END IF;
  END IF;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_log_hash(NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint
-- Runs before ON CONFLICT is checked: an entry skipped as a duplicate is never stored, and the next
-- entry reads the latest stored one, so the chain does not notice it.
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
      HINT = 'Record a new entry that corrects or reverses the earlier one.';
END
$$;--> statement-breakpoint
-- Statement level, so that even an UPDATE or DELETE that matches no row is refused.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

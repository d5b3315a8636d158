-- Agencies, their policy versions and list entries (issue #16), and the credit file's adverse flag.
-- Besides the tables, three data migrations: agencies named by existing cases are registered as met
-- on first use; matters on the old combined 从轻减轻 list (`lighter_penalty`) are put on the new
-- `mitigated_penalty` list too, audited; every credit-file entry is classified adverse or not.
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"region" text,
	"origin" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_list_entries" (
	"agency" text NOT NULL,
	"matter_code" text NOT NULL,
	"revision" integer NOT NULL,
	"effective_from" date NOT NULL,
	"lists" jsonb NOT NULL,
	"benchmark" jsonb,
	"excluded" jsonb,
	"reason" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_list_entries_agency_matter_code_revision_pk" PRIMARY KEY("agency","matter_code","revision")
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"agency" text NOT NULL,
	"revision" integer NOT NULL,
	"effective_from" date NOT NULL,
	"settings" jsonb NOT NULL,
	"reason" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_agency_revision_pk" PRIMARY KEY("agency","revision")
);
--> statement-breakpoint
ALTER TABLE "credit_file_entries" ADD COLUMN "adverse" boolean;--> statement-breakpoint
-- The classification of domain/creditFile.ts (CREDIT_ENTRY_KINDS), kept equal to it by
-- test/db/creditFileMigration.test.ts: only faults are adverse, declines and withdrawals are not.
CREATE FUNCTION credit_entry_adverse(kind text, details jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN kind IN ('observation_escalated', 'rectification_escalated', 'penalty_record', 'penalty_record_repair_revoked')
      THEN true
    WHEN kind = 'observation_terminated'
      THEN coalesce(details->>'terminationReason' IN ('general_procedure', 'public_interest'), false)
    ELSE false
  END
$$;--> statement-breakpoint
UPDATE "credit_file_entries" SET "adverse" = credit_entry_adverse("kind", "details");--> statement-breakpoint
ALTER TABLE "credit_file_entries" ALTER COLUMN "adverse" SET NOT NULL;--> statement-breakpoint
-- A worker older than this migration writes entries without the flag while a deployment rolls out.
CREATE FUNCTION credit_file_entries_classify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.adverse IS NULL THEN
    NEW.adverse := credit_entry_adverse(NEW.kind, NEW.details);
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER credit_file_entries_classify BEFORE INSERT ON "credit_file_entries"
  FOR EACH ROW EXECUTE FUNCTION credit_file_entries_classify();--> statement-breakpoint
ALTER TABLE "agency_list_entries" ADD CONSTRAINT "agency_list_entries_agency_agencies_id_fk" FOREIGN KEY ("agency") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_list_entries" ADD CONSTRAINT "agency_list_entries_matter_code_matters_code_fk" FOREIGN KEY ("matter_code") REFERENCES "public"."matters"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_agency_agencies_id_fk" FOREIGN KEY ("agency") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_list_entries_by_day_idx" ON "agency_list_entries" USING btree ("agency","effective_from");--> statement-breakpoint
-- Agencies that cases already name, registered as if met on first use (their id as name).
WITH named AS (
  SELECT agency FROM "processes" WHERE agency IS NOT NULL
  UNION SELECT agency FROM "tasks" WHERE agency IS NOT NULL
), registered AS (
  INSERT INTO "agencies" ("id", "name", "short_name", "origin", "created_by")
  SELECT agency, agency, agency, 'first_use', 'migration' FROM named ORDER BY agency
  ON CONFLICT DO NOTHING
  RETURNING "id", "name", "short_name"
)
INSERT INTO "audit_log" ("actor", "role", "action", "entity_type", "entity_id", "after", "reason")
SELECT 'migration', 'system', 'agency.registered', 'agency', "id",
  jsonb_build_object('id', "id", 'name', "name", 'shortName', "short_name", 'origin', 'first_use'),
  'Named by existing cases when agencies became a resource (migration 0004)'
FROM registered ORDER BY "id";--> statement-breakpoint
-- 从轻 and 减轻 were one list, `lighter_penalty`: its matters go on both lists now, in list order.
WITH changed AS (
  UPDATE "matters" SET
    "matter" = jsonb_set("matter", '{lists}', (
      SELECT jsonb_agg(list ORDER BY array_position(
        ARRAY['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'], list))
      FROM jsonb_array_elements_text(("matter"->'lists') || '["mitigated_penalty"]') AS list
    )),
    "version" = "version" + 1,
    "updated_by" = 'migration',
    "updated_at" = now()
  WHERE "matter"->'lists' ? 'lighter_penalty' AND NOT "matter"->'lists' ? 'mitigated_penalty'
  RETURNING "code", "matter"
)
INSERT INTO "audit_log" ("actor", "role", "action", "entity_type", "entity_id", "after", "reason")
SELECT 'migration', 'system', 'catalog.matter_updated', 'matter', "code", jsonb_build_object('lists', "matter"->'lists'),
  'The combined 从轻减轻 list split into lighter_penalty and mitigated_penalty (migration 0004)'
FROM changed ORDER BY "code";
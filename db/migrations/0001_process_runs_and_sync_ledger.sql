CREATE TABLE "repair_sync_ledger" (
	"key" text PRIMARY KEY NOT NULL,
	"penalty_record_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"platform" text NOT NULL,
	"action" text NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "workflow_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "run_id" text NOT NULL;--> statement-breakpoint
CREATE INDEX "repair_sync_ledger_pending_idx" ON "repair_sync_ledger" USING btree ("due_on") WHERE synced_at is null;
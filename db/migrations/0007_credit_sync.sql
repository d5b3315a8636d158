ALTER TABLE "repair_sync_ledger" ADD COLUMN "attempts" integer;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "failed_at" timestamp with time zone;
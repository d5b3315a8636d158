CREATE TABLE "repair_visits" (
	"key" text PRIMARY KEY NOT NULL,
	"penalty_record_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"eligible_on" date NOT NULL,
	"due_on" date NOT NULL,
	"visited_on" date,
	"outcome" text,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "repair_visits_record_idx" ON "repair_visits" USING btree ("penalty_record_id");
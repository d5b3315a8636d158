CREATE TABLE "follow_up_visits" (
	"key" text PRIMARY KEY NOT NULL,
	"process_type" text NOT NULL,
	"process_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"decision" text NOT NULL,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"visited_on" date,
	"corrected" boolean,
	"opinion" text,
	"comments" text,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
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
CREATE INDEX "follow_up_visits_process_idx" ON "follow_up_visits" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "follow_up_visits_agency_due_idx" ON "follow_up_visits" USING btree ("agency","due_on");--> statement-breakpoint
CREATE INDEX "repair_visits_record_idx" ON "repair_visits" USING btree ("penalty_record_id");
CREATE TABLE "document_counters" (
	"agency" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_agency_kind_year_pk" PRIMARY KEY("agency","kind","year")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"issue_key" text NOT NULL,
	"process_type" text NOT NULL,
	"process_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"verification_code" text NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text,
	"size" integer,
	"service_due_on" date,
	"served_at" timestamp with time zone,
	"served_on" date,
	"served_by" text,
	"service_note" text,
	"service_recorded_by" text,
	CONSTRAINT "documents_issue_key_unique" UNIQUE("issue_key"),
	CONSTRAINT "documents_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"notification_id" text NOT NULL,
	"reader" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_notification_id_reader_pk" PRIMARY KEY("notification_id","reader")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"outbox_key" text NOT NULL,
	"recipient_role" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"process_type" text,
	"process_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_outbox_key_unique" UNIQUE("outbox_key")
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "attempts" integer;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "repair_sync_ledger" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_process_idx" ON "documents" USING btree ("process_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_idx" ON "documents" USING btree ("agency","kind","year","seq");--> statement-breakpoint
CREATE INDEX "notifications_role_agency_idx" ON "notifications" USING btree ("recipient_role","agency","created_at");--> statement-breakpoint
CREATE INDEX "notifications_enterprise_idx" ON "notifications" USING btree ("enterprise_id","recipient_role","created_at");
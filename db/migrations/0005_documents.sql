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
CREATE INDEX "documents_process_idx" ON "documents" USING btree ("process_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_idx" ON "documents" USING btree ("agency","kind","year","seq");
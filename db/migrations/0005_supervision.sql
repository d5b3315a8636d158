CREATE TABLE "credit_ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"grade" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"as_of" date NOT NULL,
	"policy_version" text NOT NULL,
	"cause" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text NOT NULL,
	"kind" text NOT NULL,
	"trigger" jsonb,
	"planned_on" date NOT NULL,
	"matters" jsonb NOT NULL,
	"status" text NOT NULL,
	"joint_with" text,
	"rectification_id" text,
	"cap_check" jsonb,
	"done_on" date,
	"findings" text,
	"outcome" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result_by" text
);
--> statement-breakpoint
CREATE TABLE "supervision_lists" (
	"agency" text NOT NULL,
	"year" integer NOT NULL,
	"entries" jsonb NOT NULL,
	"fixed_on" date NOT NULL,
	"fixed_by" text NOT NULL,
	"fixed_how" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"reason" text,
	"policy_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_lists_agency_year_pk" PRIMARY KEY("agency","year")
);
--> statement-breakpoint
CREATE TABLE "whitelist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"reason" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_as" text,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "credit_file_entries" ADD COLUMN "disputed" boolean;--> statement-breakpoint
ALTER TABLE "credit_file_entries" ADD COLUMN "original_summary" text;--> statement-breakpoint
ALTER TABLE "credit_file_entries" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "registered_on" date;--> statement-breakpoint
CREATE INDEX "credit_ratings_enterprise_idx" ON "credit_ratings" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "inspections_enterprise_idx" ON "inspections" USING btree ("enterprise_id","planned_on");--> statement-breakpoint
CREATE INDEX "whitelist_agency_idx" ON "whitelist_entries" USING btree ("agency","enterprise_id");
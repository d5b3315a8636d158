CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"request_id" text,
	"event_key" text,
	CONSTRAINT "audit_log_event_key_unique" UNIQUE("event_key")
);
--> statement-breakpoint
CREATE TABLE "credit_file_entries" (
	"key" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"process_type" text NOT NULL,
	"process_id" text NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"new_business_model" boolean DEFAULT false NOT NULL,
	"industry" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"round" integer NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"code" text PRIMARY KEY NOT NULL,
	"matter" jsonb NOT NULL,
	"area" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"key" text PRIMARY KEY NOT NULL,
	"recipient_role" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"process_id" text NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"payload" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "processes" (
	"id" text PRIMARY KEY NOT NULL,
	"process_type" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"matter_code" text,
	"status" text NOT NULL,
	"violation_on" date,
	"version" integer NOT NULL,
	"view" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"key" text PRIMARY KEY NOT NULL,
	"process_type" text NOT NULL,
	"process_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"agency" text,
	"assignee_role" text NOT NULL,
	"step" text NOT NULL,
	"due_on" date NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "credit_file_enterprise_idx" ON "credit_file_entries" USING btree ("enterprise_id","occurred_on");--> statement-breakpoint
CREATE INDEX "evidence_files_process_idx" ON "evidence_files" USING btree ("process_id","round");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_unsent_idx" ON "notification_outbox" USING btree ("created_at") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "processes_enterprise_idx" ON "processes" USING btree ("enterprise_id","process_type");--> statement-breakpoint
CREATE INDEX "processes_matter_idx" ON "processes" USING btree ("enterprise_id","matter_code");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("assignee_role","agency","due_on") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "tasks_open_enterprise_idx" ON "tasks" USING btree ("enterprise_id","due_on") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "tasks_process_idx" ON "tasks" USING btree ("process_id");
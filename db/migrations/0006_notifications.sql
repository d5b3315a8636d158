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
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_role_agency_idx" ON "notifications" USING btree ("recipient_role","agency","created_at");--> statement-breakpoint
CREATE INDEX "notifications_enterprise_idx" ON "notifications" USING btree ("enterprise_id","recipient_role","created_at");
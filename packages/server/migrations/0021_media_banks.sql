CREATE TABLE "media_bank_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"hashes" jsonb NOT NULL,
	"sha256" text,
	"narrative" text DEFAULT '' NOT NULL,
	"actor" text DEFAULT '' NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"disarm" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_seen" timestamp with time zone,
	"source" text DEFAULT '' NOT NULL,
	"tlp" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"indicator_id" text NOT NULL,
	"withdraw_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_banks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tlp" text NOT NULL,
	"distribution" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"hashes" jsonb NOT NULL,
	"verdict" text NOT NULL,
	"summary" text NOT NULL,
	"matches" jsonb NOT NULL,
	"provenance" jsonb,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"media" "bytea",
	"media_expires_at" timestamp with time zone,
	"checked_by" uuid,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_entry_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	"fields" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "media_bank_entries" ADD CONSTRAINT "media_bank_entries_bank_id_media_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."media_banks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_bank_entries" ADD CONSTRAINT "media_bank_entries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_banks" ADD CONSTRAINT "media_banks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_checks" ADD CONSTRAINT "media_checks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_entry_history" ADD CONSTRAINT "media_entry_history_entry_id_media_bank_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."media_bank_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_entry_history" ADD CONSTRAINT "media_entry_history_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_bank_entries_indicator_key" ON "media_bank_entries" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "media_bank_entries_bank_idx" ON "media_bank_entries" USING btree ("bank_id","created_at");--> statement-breakpoint
CREATE INDEX "media_bank_entries_sha256_idx" ON "media_bank_entries" USING btree ("org_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "media_banks_name_key" ON "media_banks" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "media_checks_org_idx" ON "media_checks" USING btree ("org_id","checked_at");--> statement-breakpoint
CREATE INDEX "media_checks_expiry_idx" ON "media_checks" USING btree ("media_expires_at");--> statement-breakpoint
CREATE INDEX "media_entry_history_entry_idx" ON "media_entry_history" USING btree ("entry_id","version");
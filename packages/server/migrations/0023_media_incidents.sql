CREATE TABLE "media_disarm_objects" (
	"stix_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"object" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_disarm_tactics" (
	"id" text PRIMARY KEY NOT NULL,
	"stix_id" text NOT NULL,
	"name" text NOT NULL,
	"shortname" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"object" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_disarm_techniques" (
	"id" text PRIMARY KEY NOT NULL,
	"stix_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tactic_id" text,
	"parent_id" text,
	"url" text,
	"subtechnique" boolean DEFAULT false NOT NULL,
	"object" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_seen" timestamp with time zone,
	"last_seen" timestamp with time zone,
	"tlp" text NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"narratives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"techniques" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"media_entries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"media_checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media_incidents" ADD CONSTRAINT "media_incidents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_disarm_tactics_shortname_key" ON "media_disarm_tactics" USING btree ("shortname");--> statement-breakpoint
CREATE INDEX "media_disarm_techniques_tactic_idx" ON "media_disarm_techniques" USING btree ("tactic_id");--> statement-breakpoint
CREATE INDEX "media_incidents_org_idx" ON "media_incidents" USING btree ("org_id","updated_at");
CREATE TABLE "instance_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_objects" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"type" text NOT NULL,
	"spec_version" text DEFAULT '2.1' NOT NULL,
	"object" jsonb NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"owner_instance" text NOT NULL,
	"owner_org" text NOT NULL,
	"tlp" text NOT NULL,
	"distribution" text NOT NULL,
	"group_id" text,
	"group_members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"date_added" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"is_latest" boolean NOT NULL,
	"is_first" boolean NOT NULL,
	CONSTRAINT "intel_objects_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "taxii_status" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"status" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "taxii_status" ADD CONSTRAINT "taxii_status_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "intel_objects_seq_key" ON "intel_objects" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "intel_objects_latest_idx" ON "intel_objects" USING btree ("seq") WHERE is_latest;--> statement-breakpoint
CREATE INDEX "intel_objects_type_idx" ON "intel_objects" USING btree ("type","seq");
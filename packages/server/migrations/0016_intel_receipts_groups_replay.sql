CREATE TABLE "federation_replay" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_receipts" (
	"object_id" text NOT NULL,
	"object_version" text NOT NULL,
	"org_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intel_receipts_object_id_object_version_org_id_pk" PRIMARY KEY("object_id","object_version","org_id")
);
--> statement-breakpoint
CREATE TABLE "sharing_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"releasability" text DEFAULT '' NOT NULL,
	"owner_instance" text NOT NULL,
	"owner_org" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intel_receipts" ADD CONSTRAINT "intel_receipts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_receipts" ADD CONSTRAINT "intel_receipts_object_fk" FOREIGN KEY ("object_id","object_version") REFERENCES "public"."intel_objects"("id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_replay_expires_idx" ON "federation_replay" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "intel_receipts_org_idx" ON "intel_receipts" USING btree ("org_id");
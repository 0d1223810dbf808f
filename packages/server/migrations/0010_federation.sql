CREATE TABLE "federation_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" text NOT NULL,
	"url" text NOT NULL,
	"auth" jsonb NOT NULL,
	"tls" jsonb,
	"collections" jsonb NOT NULL,
	"direction" text NOT NULL,
	"trust" text NOT NULL,
	"public_key" jsonb,
	"org_id" uuid,
	"default_tlp" text NOT NULL,
	"default_distribution" text NOT NULL,
	"pull_state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tombstone_seq" bigint DEFAULT 0 NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_error" text,
	"last_pulled" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_tombstones" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federation_peers" ADD CONSTRAINT "federation_peers_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "federation_peers_instance_key" ON "federation_peers" USING btree ("instance_id");
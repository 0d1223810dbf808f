CREATE TABLE "aiguard_accounts" (
	"org_id" uuid NOT NULL,
	"account" text NOT NULL,
	"risk" real DEFAULT 0 NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"blocked_until" timestamp with time zone,
	"block_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aiguard_accounts_org_id_account_pk" PRIMARY KEY("org_id","account")
);
--> statement-breakpoint
CREATE TABLE "aiguard_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "aiguard_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"lookup" text NOT NULL,
	"secret_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"upstream_id" uuid,
	"rpm" integer,
	"daily_tokens" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "aiguard_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key_id" uuid,
	"account" text NOT NULL,
	"ip" text,
	"route" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"upstream_id" uuid,
	"status" integer NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"input_score" real,
	"output_score" real,
	"risk" real,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"gateway_ms" real,
	"upstream_ms" real,
	"prompt" text,
	"prompt_expires_at" timestamp with time zone,
	"review" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aiguard_upstreams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"base_url" text NOT NULL,
	"api_key" text,
	"api_version" text,
	"models" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mode" text DEFAULT 'enforce' NOT NULL,
	"fail_policy" text DEFAULT 'closed' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aiguard_usage" (
	"key_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"day" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"prompt_tokens" bigint DEFAULT 0 NOT NULL,
	"completion_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "aiguard_usage_key_id_day_pk" PRIMARY KEY("key_id","day")
);
--> statement-breakpoint
ALTER TABLE "aiguard_accounts" ADD CONSTRAINT "aiguard_accounts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_blocks" ADD CONSTRAINT "aiguard_blocks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_keys" ADD CONSTRAINT "aiguard_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_keys" ADD CONSTRAINT "aiguard_keys_upstream_id_aiguard_upstreams_id_fk" FOREIGN KEY ("upstream_id") REFERENCES "public"."aiguard_upstreams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_requests" ADD CONSTRAINT "aiguard_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_usage" ADD CONSTRAINT "aiguard_usage_key_id_aiguard_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."aiguard_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aiguard_usage" ADD CONSTRAINT "aiguard_usage_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aiguard_blocks_key" ON "aiguard_blocks" USING btree ("org_id","kind","value");--> statement-breakpoint
CREATE UNIQUE INDEX "aiguard_keys_lookup_key" ON "aiguard_keys" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "aiguard_keys_org_idx" ON "aiguard_keys" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "aiguard_requests_org_idx" ON "aiguard_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "aiguard_requests_account_idx" ON "aiguard_requests" USING btree ("org_id","account","created_at");--> statement-breakpoint
CREATE INDEX "aiguard_requests_review_idx" ON "aiguard_requests" USING btree ("org_id","review");--> statement-breakpoint
CREATE UNIQUE INDEX "aiguard_upstreams_name_key" ON "aiguard_upstreams" USING btree (lower("name"));
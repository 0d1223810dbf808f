CREATE TABLE "sigma_packs" (
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"files" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sigma_packs_org_id_name_pk" PRIMARY KEY("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "sigma_rule_settings" (
	"org_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"level" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sigma_rule_settings_org_id_rule_key_pk" PRIMARY KEY("org_id","rule_key")
);
--> statement-breakpoint
CREATE TABLE "sigma_rule_stats" (
	"org_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"hits" bigint DEFAULT 0 NOT NULL,
	"evaluations" bigint DEFAULT 0 NOT NULL,
	"cost_ns" bigint DEFAULT 0 NOT NULL,
	"last_hit_at" timestamp with time zone,
	CONSTRAINT "sigma_rule_stats_org_id_rule_key_pk" PRIMARY KEY("org_id","rule_key")
);
--> statement-breakpoint
ALTER TABLE "sigma_packs" ADD CONSTRAINT "sigma_packs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sigma_rule_settings" ADD CONSTRAINT "sigma_rule_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sigma_rule_stats" ADD CONSTRAINT "sigma_rule_stats_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;
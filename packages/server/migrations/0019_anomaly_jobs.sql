CREATE TABLE "anomaly_allow" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"job" text NOT NULL,
	"entity" text NOT NULL,
	"value" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anomaly_job_settings" (
	"org_id" uuid NOT NULL,
	"job" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"threshold" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anomaly_job_settings_org_id_job_pk" PRIMARY KEY("org_id","job")
);
--> statement-breakpoint
CREATE TABLE "anomaly_state" (
	"org_id" uuid NOT NULL,
	"job" text NOT NULL,
	"part" integer NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anomaly_state_org_id_job_part_pk" PRIMARY KEY("org_id","job","part")
);
--> statement-breakpoint
CREATE TABLE "anomaly_suppressions" (
	"org_id" uuid NOT NULL,
	"job" text NOT NULL,
	"entity" text NOT NULL,
	"feature" text NOT NULL,
	"alert_id" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anomaly_suppressions_org_id_job_entity_feature_pk" PRIMARY KEY("org_id","job","entity","feature")
);
--> statement-breakpoint
ALTER TABLE "anomaly_allow" ADD CONSTRAINT "anomaly_allow_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_job_settings" ADD CONSTRAINT "anomaly_job_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_state" ADD CONSTRAINT "anomaly_state_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_suppressions" ADD CONSTRAINT "anomaly_suppressions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "anomaly_allow_key" ON "anomaly_allow" USING btree ("org_id","job","entity","value");
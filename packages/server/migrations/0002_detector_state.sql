CREATE TABLE "detector_state" (
	"detector" text NOT NULL,
	"org_id" uuid NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "detector_state_detector_org_id_pk" PRIMARY KEY("detector","org_id")
);
--> statement-breakpoint
ALTER TABLE "detector_state" ADD CONSTRAINT "detector_state_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "work_leases" (
	"name" text NOT NULL,
	"part" integer NOT NULL,
	"owner" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_leases_name_part_pk" PRIMARY KEY("name","part")
);
--> statement-breakpoint
CREATE TABLE "work_members" (
	"name" text NOT NULL,
	"owner" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_members_name_owner_pk" PRIMARY KEY("name","owner")
);

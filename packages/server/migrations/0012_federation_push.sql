ALTER TABLE "federation_peers" ADD COLUMN "push_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "federation_peers" ADD COLUMN "last_pushed" integer DEFAULT 0 NOT NULL;
DROP INDEX "media_banks_name_key";--> statement-breakpoint
ALTER TABLE "media_banks" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
CREATE INDEX "playbook_runs_concurrency_idx" ON "playbook_runs" USING btree ("concurrency_key","created_at") WHERE "playbook_runs"."concurrency_key" is not null and "playbook_runs"."status" in ('queued', 'running', 'waiting_approval');--> statement-breakpoint
CREATE UNIQUE INDEX "media_banks_name_key" ON "media_banks" USING btree ("org_id",lower("name")) WHERE "media_banks"."deleted_at" is null;
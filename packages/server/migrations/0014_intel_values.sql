CREATE TABLE "intel_values" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "intel_values_id_version_kind_value_pk" PRIMARY KEY("id","version","kind","value")
);
--> statement-breakpoint
ALTER TABLE "intel_values" ADD CONSTRAINT "intel_values_object_fk" FOREIGN KEY ("id","version") REFERENCES "public"."intel_objects"("id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intel_values_value_idx" ON "intel_values" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "intel_objects_sighting_of_idx" ON "intel_objects" USING btree (("object"->>'sighting_of_ref')) WHERE type = 'sighting';--> statement-breakpoint
CREATE INDEX "intel_objects_opinion_refs_idx" ON "intel_objects" USING gin (("object"->'object_refs')) WHERE type = 'opinion';
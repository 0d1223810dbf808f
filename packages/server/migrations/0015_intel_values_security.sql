-- Hand-written: correlation values are read only in instance scope, joined with intel_objects and filtered
-- by the access model there; row-level security keeps organisation-scoped transactions out entirely.
ALTER TABLE intel_values ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE intel_values FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY instance_only ON intel_values USING (bulwark_instance_scope()) WITH CHECK (bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON intel_values TO bulwark_app;

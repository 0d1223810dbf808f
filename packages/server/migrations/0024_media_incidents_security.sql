-- Hand-written: the DISARM catalogue is public reference data for the whole instance (every user reads
-- it; only instance administrators import it, decided by the API); disinformation incidents are an
-- organisation's data, isolated by row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON media_disarm_tactics, media_disarm_techniques, media_disarm_objects TO bulwark_app;
--> statement-breakpoint
ALTER TABLE media_incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE media_incidents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON media_incidents USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON media_incidents TO bulwark_app;

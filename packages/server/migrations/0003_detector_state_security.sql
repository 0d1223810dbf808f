-- Hand-written: detector state is an organisation's data like its events.
ALTER TABLE detector_state ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE detector_state FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON detector_state USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON detector_state TO bulwark_app;

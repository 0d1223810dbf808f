-- Hand-written: anomaly state, tuning, allow-lists and suppressions are an organisation's data.
ALTER TABLE anomaly_state ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE anomaly_state FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON anomaly_state USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON anomaly_state TO bulwark_app;
--> statement-breakpoint
ALTER TABLE anomaly_job_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE anomaly_job_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON anomaly_job_settings USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON anomaly_job_settings TO bulwark_app;
--> statement-breakpoint
ALTER TABLE anomaly_allow ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE anomaly_allow FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON anomaly_allow USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON anomaly_allow TO bulwark_app;
--> statement-breakpoint
ALTER TABLE anomaly_suppressions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE anomaly_suppressions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON anomaly_suppressions USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON anomaly_suppressions TO bulwark_app;

-- Hand-written: incidents, playbooks, block lists and NIS2 reports are an organisation's data.
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON incidents USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON incidents TO bulwark_app;
--> statement-breakpoint
ALTER TABLE incident_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON incident_alerts USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_alerts TO bulwark_app;
--> statement-breakpoint
ALTER TABLE incident_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_groups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON incident_groups USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_groups TO bulwark_app;
--> statement-breakpoint
ALTER TABLE incident_timeline ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_timeline FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON incident_timeline USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_timeline TO bulwark_app;
--> statement-breakpoint
ALTER TABLE respond_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE respond_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON respond_settings USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON respond_settings TO bulwark_app;
--> statement-breakpoint
ALTER TABLE playbooks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE playbooks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON playbooks USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON playbooks TO bulwark_app;
--> statement-breakpoint
ALTER TABLE playbook_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE playbook_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON playbook_runs USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON playbook_runs TO bulwark_app;
--> statement-breakpoint
ALTER TABLE blocklist_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE blocklist_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON blocklist_entries USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON blocklist_entries TO bulwark_app;
--> statement-breakpoint
ALTER TABLE nis2_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE nis2_reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON nis2_reports USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON nis2_reports TO bulwark_app;
--> statement-breakpoint
ALTER TABLE nis2_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE nis2_reminders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON nis2_reminders USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON nis2_reminders TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE incidents_seq_seq TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE incident_timeline_id_seq TO bulwark_app;

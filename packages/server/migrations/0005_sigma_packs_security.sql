-- Hand-written: rule packs, rule settings and rule statistics belong to one organisation.
ALTER TABLE sigma_packs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sigma_packs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON sigma_packs USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sigma_packs TO bulwark_app;
--> statement-breakpoint
ALTER TABLE sigma_rule_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sigma_rule_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON sigma_rule_settings USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sigma_rule_settings TO bulwark_app;
--> statement-breakpoint
ALTER TABLE sigma_rule_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sigma_rule_stats FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON sigma_rule_stats USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sigma_rule_stats TO bulwark_app;

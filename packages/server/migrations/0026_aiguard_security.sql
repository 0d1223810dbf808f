-- Hand-written: gateway keys, usage, requests, account risk and block lists are an organisation's data;
-- upstreams are instance-wide (managed by instance administrators).
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_upstreams TO bulwark_app;
--> statement-breakpoint
ALTER TABLE aiguard_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE aiguard_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON aiguard_keys USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_keys TO bulwark_app;
--> statement-breakpoint
ALTER TABLE aiguard_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE aiguard_usage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON aiguard_usage USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_usage TO bulwark_app;
--> statement-breakpoint
ALTER TABLE aiguard_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE aiguard_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON aiguard_requests USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_requests TO bulwark_app;
--> statement-breakpoint
ALTER TABLE aiguard_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE aiguard_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON aiguard_accounts USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_accounts TO bulwark_app;
--> statement-breakpoint
ALTER TABLE aiguard_blocks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE aiguard_blocks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON aiguard_blocks USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON aiguard_blocks TO bulwark_app;

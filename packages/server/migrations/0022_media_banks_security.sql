-- Hand-written: media banks, their entries and history, and media checks are an organisation's data.
-- Other organisations (and peers) receive entries only as STIX objects in the intel store, by its access model.
ALTER TABLE media_banks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE media_banks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON media_banks USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON media_banks TO bulwark_app;
--> statement-breakpoint
ALTER TABLE media_bank_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE media_bank_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON media_bank_entries USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON media_bank_entries TO bulwark_app;
--> statement-breakpoint
ALTER TABLE media_entry_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE media_entry_history FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON media_entry_history USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON media_entry_history TO bulwark_app;
--> statement-breakpoint
ALTER TABLE media_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE media_checks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON media_checks USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON media_checks TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE media_entry_history_id_seq TO bulwark_app;

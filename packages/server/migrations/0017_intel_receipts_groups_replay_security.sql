-- Hand-written: receipts are read in instance scope by the store's access filter; an organisation-scoped
-- transaction sees its own receipts only.
ALTER TABLE intel_receipts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE intel_receipts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON intel_receipts USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON intel_receipts TO bulwark_app;
--> statement-breakpoint
-- Sharing groups: visible to their owner organisation and to member organisations of this instance.
ALTER TABLE sharing_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sharing_groups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_or_member ON sharing_groups USING (owner_org = bulwark_current_org()::text OR members @> jsonb_build_array(jsonb_build_object('org', bulwark_current_org()::text)) OR bulwark_instance_scope()) WITH CHECK (owner_org = bulwark_current_org()::text OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sharing_groups TO bulwark_app;
--> statement-breakpoint
-- Replay cache of federation signatures: instance-wide coordination data.
GRANT SELECT, INSERT, DELETE ON federation_replay TO bulwark_app;

-- Hand-written: the intel store. Who may receive which object is decided by the access model in the
-- intel module (TLP, distribution, sharing groups, named recipients); row-level security is the second
-- line: a row whose distribution is "organisation" is visible to its owning organisation only.
ALTER TABLE intel_objects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE intel_objects FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_or_shared ON intel_objects USING (distribution <> 'organisation' OR owner_org = bulwark_current_org()::text OR bulwark_instance_scope()) WITH CHECK (distribution <> 'organisation' OR owner_org = bulwark_current_org()::text OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON intel_objects, instance_meta TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO bulwark_app;
--> statement-breakpoint
ALTER TABLE taxii_status ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE taxii_status FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON taxii_status USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON taxii_status TO bulwark_app;

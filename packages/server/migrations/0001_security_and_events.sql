-- Hand-written: the application role, the day-partitioned events table, row-level security and the
-- append-only audit log. Runs on PostgreSQL 15+ and PGlite alike.
DO $$ BEGIN
  CREATE ROLE bulwark_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT bulwark_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bulwark_current_org() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('bulwark.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION bulwark_instance_scope() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('bulwark.scope', true), '') = 'instance' $$;
--> statement-breakpoint
CREATE TABLE events (
  org_id uuid NOT NULL,
  event_id text NOT NULL,
  time timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  source text NOT NULL,
  format text NOT NULL,
  class_uid integer NOT NULL,
  severity_id integer NOT NULL,
  message text,
  native jsonb NOT NULL,
  ocsf jsonb NOT NULL,
  PRIMARY KEY (org_id, time, event_id)
) PARTITION BY RANGE (time);
--> statement-breakpoint
CREATE INDEX events_org_received_idx ON events (org_id, received_at, event_id);
--> statement-breakpoint
CREATE FUNCTION bulwark_ensure_event_partition(day date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  part text := 'events_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
  BEGIN
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
      part, to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
  EXCEPTION WHEN duplicate_table THEN NULL;
  END;
END $$;
--> statement-breakpoint
CREATE FUNCTION bulwark_drop_event_partitions(before date) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.relname FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'events'::regclass AND c.relname ~ '^events_[0-9]{8}$'
      AND to_date(substr(c.relname, 8), 'YYYYMMDD') < before
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', r.relname);
    RETURN NEXT r.relname;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION bulwark_event_partitions() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'events'::regclass ORDER BY 1
$$;
--> statement-breakpoint
CREATE FUNCTION bulwark_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE FUNCTION bulwark_audit_head(OUT seq bigint, OUT hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION bulwark_audit_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION bulwark_audit_immutable();
--> statement-breakpoint
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON events USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
ALTER TABLE event_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON event_keys USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON alerts USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON api_keys USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON memberships USING (org_id = bulwark_current_org() OR bulwark_instance_scope()) WITH CHECK (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_read ON audit_log FOR SELECT USING (org_id = bulwark_current_org() OR bulwark_instance_scope());
--> statement-breakpoint
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (true);
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO bulwark_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, users, memberships, api_keys, sessions, outbox, event_keys, alerts, events TO bulwark_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO bulwark_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bulwark_ensure_event_partition(date), bulwark_drop_event_partitions(date), bulwark_event_partitions(), bulwark_audit_head() TO bulwark_app;

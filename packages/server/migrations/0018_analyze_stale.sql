-- Statistics for tables that changed much since their last ANALYZE, as autovacuum's analyze threshold
-- would (50 rows + 10% of the table). The embedded database has no autovacuum, and a PostgreSQL server may
-- run without it: without statistics the planner scans whole tables. Run by the worker every minute.
CREATE FUNCTION bulwark_analyze_stale() RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT s.relid, s.relname::text AS relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = 'public' AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    ORDER BY s.n_mod_since_analyze DESC
  LOOP
    EXECUTE format('ANALYZE %I', r.relname);
    RETURN NEXT r.relname;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION bulwark_analyze_stale() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bulwark_analyze_stale() TO bulwark_app;

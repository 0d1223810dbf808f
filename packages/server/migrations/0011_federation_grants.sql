-- Hand-written: federation peers and retractions are instance-wide data.
GRANT SELECT, INSERT, UPDATE, DELETE ON federation_peers, intel_tombstones TO bulwark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO bulwark_app;

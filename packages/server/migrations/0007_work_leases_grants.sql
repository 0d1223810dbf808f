-- Hand-written: partition leases are instance-wide coordination data (no organisation's rows).
GRANT SELECT, INSERT, UPDATE, DELETE ON work_leases, work_members TO bulwark_app;

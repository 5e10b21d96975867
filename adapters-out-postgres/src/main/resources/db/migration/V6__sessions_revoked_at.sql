-- Re-seeding a lost deny-list reads the sessions revoked within the deny-list TTL (24 h by default):
-- a partial index keeps that a small range scan however many live sessions the table holds.
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

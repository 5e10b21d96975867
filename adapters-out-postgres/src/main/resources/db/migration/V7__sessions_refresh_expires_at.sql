-- The purge of ended sessions (issue 16) deletes those revoked, or whose refresh lifetime ran out, longer than the
-- retention ago: revoked ones it finds through sessions_revoked_at_idx, expired ones through this index, so that
-- each purge batch is a range scan however many live sessions the table holds.
CREATE INDEX sessions_refresh_expires_at_idx ON sessions (refresh_expires_at);

-- Sign-in sessions (issue 16): one row per login, until logout, revocation or the end of its refresh lifetime.
-- Refresh secrets are kept only as SHA-256 hashes: the current one, and the superseded ones (at most 1,000, kept
-- by the application, oldest first, concatenated: 32 bytes each), so that presenting an old refresh token is
-- recognised as reuse.
CREATE TABLE sessions (
    id                 varchar(26) COLLATE "C" NOT NULL,
    user_id            varchar(26) COLLATE "C" NOT NULL,
    created_at         timestamptz             NOT NULL,
    last_used_at       timestamptz             NOT NULL,
    user_agent         varchar(256)            NOT NULL DEFAULT '',
    refresh_expires_at timestamptz             NOT NULL,
    current_secret     bytea                   NOT NULL,
    superseded_secrets bytea                   NOT NULL DEFAULT '',
    revoked_at         timestamptz,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT sessions_current_secret_length CHECK (octet_length(current_secret) = 32),
    CONSTRAINT sessions_superseded_secrets_length CHECK (octet_length(superseded_secrets) % 32 = 0)
);

-- a user's live sessions (the session list, logout-all, password change): revoked ones are never read by user
CREATE INDEX sessions_user_id_live_idx ON sessions (user_id, last_used_at DESC) WHERE revoked_at IS NULL;

-- Parley chat schema, version 8: private rooms, direct rooms, admins, invitations and bans
-- (PROTOCOL-1.1 §2). Existing rooms stay public group rooms; every ADD COLUMN has a constant
-- default, so it rewrites no rows.

ALTER TABLE rooms
    ADD COLUMN visibility varchar(10) NOT NULL DEFAULT 'PUBLIC',
    -- a direct room's two users, the lower id first; null for a group room
    ADD COLUMN direct_first  varchar(26) COLLATE "C",
    ADD COLUMN direct_second varchar(26) COLLATE "C",
    ADD CONSTRAINT rooms_visibility_check CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    ADD CONSTRAINT rooms_direct_check CHECK (
        (direct_first IS NULL) = (direct_second IS NULL)
        AND (direct_first IS NULL OR (direct_first < direct_second AND visibility = 'PRIVATE'))),
    ADD CONSTRAINT rooms_direct_first_fkey FOREIGN KEY (direct_first) REFERENCES users (id),
    ADD CONSTRAINT rooms_direct_second_fkey FOREIGN KEY (direct_second) REFERENCES users (id),
    -- one room per pair, also when both users create it at the same moment on different gateways;
    -- the store recognises this name
    ADD CONSTRAINT rooms_direct_pair_key UNIQUE (direct_first, direct_second);

ALTER TABLE room_members
    DROP CONSTRAINT room_members_role_check,
    ADD CONSTRAINT room_members_role_check CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER'));

-- a pending invitation; joining consumes it
CREATE TABLE room_invitations (
    room_id    varchar(26) COLLATE "C" NOT NULL,
    user_id    varchar(26) COLLATE "C" NOT NULL,
    invited_by varchar(26) COLLATE "C" NOT NULL,
    created_at timestamptz             NOT NULL,
    CONSTRAINT room_invitations_pkey PRIMARY KEY (room_id, user_id),
    CONSTRAINT room_invitations_room_id_fkey FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT room_invitations_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT room_invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE CASCADE
);

-- "my invitations", newest first
CREATE INDEX room_invitations_user_id_idx ON room_invitations (user_id, created_at DESC);

-- a user who may not join or be invited until unbanned
CREATE TABLE room_bans (
    room_id    varchar(26) COLLATE "C" NOT NULL,
    user_id    varchar(26) COLLATE "C" NOT NULL,
    banned_by  varchar(26) COLLATE "C" NOT NULL,
    reason     varchar(500)            NOT NULL DEFAULT '',
    created_at timestamptz             NOT NULL,
    CONSTRAINT room_bans_pkey PRIMARY KEY (room_id, user_id),
    CONSTRAINT room_bans_room_id_fkey FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT room_bans_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT room_bans_banned_by_fkey FOREIGN KEY (banned_by) REFERENCES users (id)
);

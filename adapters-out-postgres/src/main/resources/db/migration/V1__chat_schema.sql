-- Parley chat schema, version 1.
--
-- Every id is a ULID (26 characters of Crockford base32). The id columns use the "C" collation so
-- that ids compare and sort bytewise, which for ULIDs is creation order, whatever locale the
-- database was created with (history pages, read markers and unread counts compare ids).
-- Timestamps are timestamptz: an instant, independent of the session's time zone.

CREATE TABLE users (
    id            varchar(26) COLLATE "C" NOT NULL,
    email         varchar(254)            NOT NULL,
    display_name  varchar(50)             NOT NULL,
    password_hash text                    NOT NULL,
    created_at    timestamptz             NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    -- the store recognises this name to report a taken address; the domain normalises case
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE rooms (
    id              varchar(26) COLLATE "C" NOT NULL,
    name            varchar(100)            NOT NULL,
    description     varchar(500)            NOT NULL DEFAULT '',
    created_by      varchar(26) COLLATE "C" NOT NULL,
    created_at      timestamptz             NOT NULL,
    -- the newest persisted message; moved forward only, together with last_seq
    last_message_id varchar(26) COLLATE "C",
    last_message_at timestamptz,
    -- the seq of the newest message (0: none yet); the worker numbers new messages from it
    last_seq        bigint                  NOT NULL DEFAULT 0,
    CONSTRAINT rooms_pkey PRIMARY KEY (id),
    CONSTRAINT rooms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT rooms_last_seq_check CHECK (last_seq >= 0),
    CONSTRAINT rooms_last_message_check CHECK (
        (last_message_id IS NULL) = (last_seq = 0) AND (last_message_id IS NULL) = (last_message_at IS NULL))
);

-- "newest activity first" for discovery and room lists
CREATE INDEX rooms_activity_idx ON rooms ((coalesce(last_message_at, created_at)) DESC, id DESC);

CREATE TABLE room_members (
    room_id              varchar(26) COLLATE "C" NOT NULL,
    user_id              varchar(26) COLLATE "C" NOT NULL,
    role                 varchar(10)             NOT NULL,
    joined_at            timestamptz             NOT NULL,
    -- the newest message the member has read (null: nothing yet); moved forward only
    last_read_message_id varchar(26) COLLATE "C",
    CONSTRAINT room_members_pkey PRIMARY KEY (room_id, user_id),
    CONSTRAINT room_members_room_id_fkey FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT room_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT room_members_role_check CHECK (role IN ('OWNER', 'MEMBER'))
);

-- "my rooms": the primary key leads with room_id, this one with the user
CREATE INDEX room_members_user_id_idx ON room_members (user_id, room_id);

CREATE TABLE messages (
    id            varchar(26) COLLATE "C" NOT NULL,
    room_id       varchar(26) COLLATE "C" NOT NULL,
    sender_id     varchar(26) COLLATE "C" NOT NULL,
    client_msg_id uuid                    NOT NULL,
    type          varchar(10)             NOT NULL,
    content       text                    NOT NULL,
    created_at    timestamptz             NOT NULL,
    seq           bigint                  NOT NULL,
    -- the message id the gateway handed out in its ack
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_room_id_fkey FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT messages_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES users (id),
    CONSTRAINT messages_type_check CHECK (type IN ('TEXT', 'IMAGE')),
    CONSTRAINT messages_seq_check CHECK (seq >= 1),
    -- a room's messages are numbered 1, 2, 3 ... (also serves catch-up by seq)
    CONSTRAINT messages_room_id_seq_key UNIQUE (room_id, seq),
    -- a re-sent message is never stored twice
    CONSTRAINT messages_room_id_sender_id_client_msg_id_key UNIQUE (room_id, sender_id, client_msg_id)
);

-- history pages (before/after a message id) and unread counts (ids after the read marker)
CREATE INDEX messages_room_id_id_idx ON messages (room_id, id);

-- Bounds on what one request reads (M8 of the red-team review).

-- Unread counts range over (room_id, seq) above the reader's marker and skip the reader's own messages:
-- with sender_id in the index the count is an index-only scan (bounded to 1,000 by the query)
ALTER TABLE messages DROP CONSTRAINT messages_room_id_seq_key;
ALTER TABLE messages ADD CONSTRAINT messages_room_id_seq_key UNIQUE (room_id, seq) INCLUDE (sender_id);

-- "rooms this user created within the last hour", for the creation limit; rooms are updated by every
-- batch, but never these columns, so the updates stay heap-only (V2)
CREATE INDEX rooms_created_by_idx ON rooms (created_by, created_at);

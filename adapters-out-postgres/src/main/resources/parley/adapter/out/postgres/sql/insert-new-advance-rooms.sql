-- storeBatch, statement 3 of 3: insert the new rows (one array per column) and move the last message
-- of each room to its newest one, never backwards. Answers how many rows were inserted.
WITH inserted AS (
    INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                         $7::timestamptz[], $8::bigint[])
    ON CONFLICT DO NOTHING
    RETURNING 1
), advanced AS (
    UPDATE rooms AS r
       SET last_seq = n.last_seq, last_message_id = n.message_id, last_message_at = n.message_at
      FROM unnest($9::text[], $10::bigint[], $11::text[], $12::timestamptz[])
           AS n(room_id, last_seq, message_id, message_at)
     WHERE r.id = n.room_id AND r.last_seq < n.last_seq
    RETURNING 1
)
SELECT count(*) AS inserted FROM inserted

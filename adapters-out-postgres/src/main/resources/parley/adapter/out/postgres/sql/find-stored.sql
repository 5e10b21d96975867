-- storeBatch, statement 2 of 3: the stored rows the batch repeats, by id and by client key (room,
-- sender and client msg ids), each probed on its own. Selects the columns MessageRows reads.
SELECT m.id, m.room_id, m.sender_id, m.client_msg_id, m.type, m.content, m.created_at, m.seq
  FROM unnest($1::text[]) AS i(id)
 CROSS JOIN LATERAL (SELECT * FROM messages m WHERE m.id = i.id LIMIT 1) m
UNION ALL
SELECT m.id, m.room_id, m.sender_id, m.client_msg_id, m.type, m.content, m.created_at, m.seq
  FROM unnest($2::text[], $3::text[], $4::uuid[]) AS k(room_id, sender_id, client_msg_id)
 CROSS JOIN LATERAL (SELECT * FROM messages m
                      WHERE m.room_id = k.room_id AND m.sender_id = k.sender_id AND m.client_msg_id = k.client_msg_id
                      LIMIT 1) m

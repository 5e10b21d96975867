-- storeBatch, statement 1 of 3: lock the rooms of the batch (in id order, so two batches sharing rooms
-- cannot deadlock) and find its senders in the same round trip. Parameters: room ids, sender ids.
WITH locked AS MATERIALIZED (
    SELECT id, last_seq FROM rooms WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE
)
SELECT 'ROOM' AS kind, id, last_seq FROM locked
UNION ALL
SELECT 'SENDER' AS kind, id, NULL FROM users WHERE id = ANY($2::text[])

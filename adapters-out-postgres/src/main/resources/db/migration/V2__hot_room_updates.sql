-- Every stored batch moves its rooms' last message (last_seq, last_message_id, last_message_at). With
-- last_message_at in rooms_activity_idx, none of those updates could be HOT (heap-only): each one wrote
-- new entries into rooms_activity_idx and rooms_pkey and left a dead row version behind, and a busy room
-- piled up thousands of them between two autovacuum runs, all visited by every batch that locked it.
-- Measured in the benchmark's latency scenario (2,000 msg/s into 20 rooms): 0 of 6,462 room updates
-- HOT, PostgreSQL at 87 % of a core and a persistence lag of up to 13,252 messages.
--
-- Without the index, and with half of every page kept free, the updates are HOT: no index writes, and
-- the dead versions are pruned within the page. "Newest activity first" (room lists, discovery) sorts
-- the rooms it has selected instead of reading an index in order: a user's rooms are few, and discovery
-- filters by name (ILIKE, which no b-tree serves) before it sorts.
DROP INDEX rooms_activity_idx;
ALTER TABLE rooms SET (fillfactor = 50);

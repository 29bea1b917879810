-- replay-rejected re-validates rejected messages after a rules change. It needs the whole
-- payload: payload_head (4 KiB) holds all of most messages; payload_full keeps the rest for a
-- longer message that passed the size limit. Oversized (too_large) payloads stay unkept: they are
-- hostile input and would be rejected again. Rows written before this version with more than
-- 4 KiB cannot be replayed.
alter table rejected_messages add column payload_full bytea;

-- When replay-rejected stored the message as an order (or found that order already stored). The
-- row stays as a record of the first rejection; listings and counts leave it out. The app role may
-- update only this column.
alter table rejected_messages add column replayed_at timestamptz;

-- absence (anti-join), count only: the engine may read just the key column.
SELECT count(*) FROM l WHERE l.party_id NOT IN (SELECT r.party_id FROM r);

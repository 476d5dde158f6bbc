-- match (inner join), count only.
SELECT count(*) FROM l JOIN r ON r.party_id = l.party_id;

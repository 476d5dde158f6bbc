-- aggregate with a threshold, count only.
SELECT count(*) FROM (SELECT party_id FROM l GROUP BY party_id HAVING count(*) >= 5);

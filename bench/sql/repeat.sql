-- aggregate with a threshold: parties with at least 5 penalties, their count and total, as
-- Shanhai's step `repeat` computes them, then counted, then the model's `sample` step.
CREATE TEMP TABLE rep AS
  SELECT party_id, count(*) AS n, sum(amount) AS total FROM l
  GROUP BY party_id HAVING count(*) >= 5;
SELECT count(*) FROM rep;
SELECT count(*) FROM rep WHERE n >= 20;

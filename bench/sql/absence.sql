-- absence (anti-join): penalties whose party has no payment; the rows are materialised with the
-- columns Shanhai's step `unpaid` carries, then counted, then the model's `sample` step.
-- NOT IN rather than NOT EXISTS: SQLite 3.40 runs a correlated NOT EXISTS as a nested scan
-- (no automatic index), but builds a list for NOT IN. DuckDB runs both as an anti-join in the
-- same time. party_id is never null here, so NOT IN and Shanhai's absence agree.
CREATE TEMP TABLE unpaid AS
  SELECT l.id, l.party_id, l.amount, l.decision_date FROM l
  WHERE l.party_id NOT IN (SELECT r.party_id FROM r);
SELECT count(*) FROM unpaid;
SELECT count(*) FROM unpaid WHERE id <= 100;

-- match (inner join on party_id): every (penalty, payment) pair with both sides' columns, as
-- Shanhai's step `paired` carries them, then counted, then the model's `sample` step.
CREATE TEMP TABLE paired AS
  SELECT l.id, l.party_id, l.amount, l.decision_date,
         r.pay_id, r.party_id AS payments_party_id, r.amount AS payments_amount, r.paid_date
  FROM l JOIN r ON r.party_id = l.party_id;
SELECT count(*) FROM paired;
SELECT count(*) FROM paired WHERE id <= 100;

-- A delivered alert keeps its successful attempt (status code, latency, the start of the answer) in its
-- own row, written by the same update that marks it delivered; delivery_attempt keeps the attempts that
-- failed (and every attempt recorded before this version). Most alerts succeed at once: a row in
-- delivery_attempt each (with two index entries and a foreign-key lock on the alert) had become the
-- largest cost of a fan-out in PostgreSQL.
ALTER TABLE alert ADD COLUMN delivered_status INT;
ALTER TABLE alert ADD COLUMN delivered_latency_ms INT;
ALTER TABLE alert ADD COLUMN delivered_response TEXT;

-- A statement followed by 100,000 subscriptions made 100,000 copies of the same webhook body (about
-- 1-20 KB each) that differed only in the subscription id. Now the body is stored once per statement
-- text, alert revision and set of matched topics, and an alert refers to it; the subscription id is put
-- in when the alert is sent. Alerts with a body of their own (their own query's evidence, digests, and
-- every alert stored before this version) keep `payload`.
CREATE TABLE alert_body (
    id   UUID PRIMARY KEY,
    body BYTEA NOT NULL
);
ALTER TABLE alert ADD COLUMN body_id UUID REFERENCES alert_body (id);
ALTER TABLE alert ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE alert ADD CONSTRAINT alert_has_a_body CHECK (payload IS NOT NULL OR body_id IS NOT NULL);

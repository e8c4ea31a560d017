-- A revised statement alerts again the subscriptions it had alerted: one alert per (statement,
-- subscription, revision), revision 0 being the first text (alert.created), n the n-th change
-- (alert.revised).
ALTER TABLE alert ADD COLUMN revision INT NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN type TEXT NOT NULL DEFAULT 'alert.created';
-- Which text of the statement the alert was made from: a revision that first matches a subscription
-- makes an alert.created (revision 0) from text 1, and a replay of that event must decide the same.
ALTER TABLE alert ADD COLUMN statement_revision INT NOT NULL DEFAULT 0;
ALTER TABLE alert DROP CONSTRAINT alert_statement_subscription_unique;
ALTER TABLE alert ADD CONSTRAINT alert_statement_subscription_revision_unique
    UNIQUE (statement_id, subscription_id, revision);

-- Durable retries: an alert is pending until delivered or failed for good, and is due again at
-- next_attempt_at. A worker claims it until lease_until and sends outside any transaction; a worker
-- that dies loses its claim when the lease runs out, and the alert is sent again with the same id.
ALTER TABLE alert ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN last_error TEXT;
UPDATE alert SET next_attempt_at = created_at WHERE status = 'pending';
DROP INDEX alert_pending_idx;
CREATE INDEX alert_due_idx ON alert (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_subscription_status_idx ON alert (subscription_id, status, created_at);

ALTER TABLE delivery_attempt ADD COLUMN attempt INT;

-- A subscription is disabled by a 410 Gone or after 5 days of failures without one success.
ALTER TABLE subscription ADD COLUMN last_success_at TIMESTAMPTZ;
ALTER TABLE subscription ADD COLUMN disabled_reason TEXT;

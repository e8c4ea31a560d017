-- Whom to tell when a webhook subscription is disabled (410 Gone, or 5 days without a success), and
-- when they were told: the notice goes out once per disabling, from whichever replica gets to it.
ALTER TABLE subscription ADD COLUMN contact TEXT;
ALTER TABLE subscription ADD COLUMN owner_notified_at TIMESTAMPTZ;
CREATE INDEX subscription_owner_notice_idx ON subscription (id)
    WHERE status = 'disabled' AND contact IS NOT NULL AND owner_notified_at IS NULL;

-- After a rotation the previous secret still signs (beside the new one) until it expires, so receivers
-- can switch without losing a webhook.
ALTER TABLE subscription ADD COLUMN previous_secret TEXT;
ALTER TABLE subscription ADD COLUMN previous_secret_expires_at TIMESTAMPTZ;

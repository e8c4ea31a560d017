-- An outbox event Kafka refuses for good (a record too large, say) is moved aside with the reason instead
-- of being retried for ever: the events behind it flow, and GET /api/outbox/failed shows it (with a retry,
-- for when the cause was fixed on the broker's side).
ALTER TABLE outbox
    ADD COLUMN failed_at TIMESTAMPTZ,
    ADD COLUMN failure   TEXT;

DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_failed_idx ON outbox (id) WHERE failed_at IS NOT NULL AND published_at IS NULL;

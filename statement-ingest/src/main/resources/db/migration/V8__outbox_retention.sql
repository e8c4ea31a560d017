-- Retention (ingest.retention.outbox): published outbox rows older than the period go, in batches.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

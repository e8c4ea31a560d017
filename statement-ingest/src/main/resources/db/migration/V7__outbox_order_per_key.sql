-- Events of one statement (one record key) go to Kafka in the order they were written, whichever replica
-- relays them: a relay leaves a key's events alone while an earlier event of that key waits elsewhere.
CREATE INDEX outbox_pending_key_idx ON outbox (record_key, id) WHERE published_at IS NULL AND failed_at IS NULL;

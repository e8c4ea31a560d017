-- A subscription sees the future only: it is alerted about statements that ingest accepted at or after
-- the moment it became active (created active, or its email confirmed), also on replay, consumer lag or
-- a consumer-group reset.
ALTER TABLE subscription ADD COLUMN active_since TIMESTAMPTZ;
UPDATE subscription SET active_since = created_at;
ALTER TABLE subscription ALTER COLUMN active_since SET DEFAULT now(), ALTER COLUMN active_since SET NOT NULL;

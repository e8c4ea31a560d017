-- Email digests: alerts of a daily or weekly subscription are held, then sent together as one digest
-- (itself a row of alert, type 'digest', whose id is derived from the subscription and the period, so
-- a period is digested once however often the job runs and whichever replica runs it).
ALTER TABLE subscription ADD COLUMN mode TEXT NOT NULL DEFAULT 'instant';
ALTER TABLE subscription ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE alert ADD COLUMN digest_id UUID;
CREATE INDEX alert_held_idx ON alert (subscription_id, created_at) WHERE status = 'held';

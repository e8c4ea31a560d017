-- Backfill: statements imported as history (published before the source was watched, or by an
-- explicit backfill) are published with the CloudEvents extension backfill=true; the dispatcher
-- stores them for backtests and alerts nobody. Progress of an explicit backfill shows on the source.
ALTER TABLE outbox ADD COLUMN backfill BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE source
    ADD COLUMN backfill_done  INTEGER,
    ADD COLUMN backfill_total INTEGER;

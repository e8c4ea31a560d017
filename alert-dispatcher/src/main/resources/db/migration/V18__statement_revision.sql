-- The revision of the text the dispatcher holds (0: as published). Events of one statement may arrive out
-- of order (replicas, replays): a revision replaces the text only if it is newer, and an event older than
-- the held text plans no alert.
ALTER TABLE statement ADD COLUMN revision INT NOT NULL DEFAULT 0;

-- A subscription may add its own query to (or use it instead of) topics, and narrow everything to
-- some sources and languages. Empty arrays mean "any".
ALTER TABLE subscription ADD COLUMN query TEXT;
ALTER TABLE subscription ADD COLUMN source_ids TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE subscription ADD COLUMN languages TEXT[] NOT NULL DEFAULT '{}';

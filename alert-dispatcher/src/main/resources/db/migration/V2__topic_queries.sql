-- Topics are defined by a query in the topic query language plus alias groups, replacing term lists.
-- Existing term lists become an equivalent query: every term as an exact phrase, OR-ed.
ALTER TABLE topic ADD COLUMN query TEXT;
ALTER TABLE topic ADD COLUMN aliases JSONB NOT NULL DEFAULT '[]';
-- True while the topic is exactly what a seed file said: such topics follow their seed file.
ALTER TABLE topic ADD COLUMN managed_by_seed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE topic ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

UPDATE topic SET query = (
    SELECT string_agg('"' || replace(t, '"', '') || '"', ' OR ') FROM unnest(terms) AS t);

ALTER TABLE topic ALTER COLUMN query SET NOT NULL;
ALTER TABLE topic DROP COLUMN terms;

-- Statements as received, for backtests and for showing what an alert was about.
CREATE TABLE statement (
    id           UUID PRIMARY KEY,
    source_id    TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    language     TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    payload      BYTEA       NOT NULL
);

CREATE INDEX statement_published_at_idx ON statement (published_at);

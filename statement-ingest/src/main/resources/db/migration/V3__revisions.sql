-- Revisions: a feed item's page is fetched again while the item is recent; a changed text updates the
-- statement (same id) and is kept here, with the diff, as its history.
ALTER TABLE source_item
    ADD COLUMN link               TEXT,
    ADD COLUMN page_etag          TEXT,
    ADD COLUMN page_last_modified TEXT,
    ADD COLUMN checked_at         TIMESTAMPTZ;

CREATE INDEX source_item_recent_idx ON source_item (source_id, first_seen_at);

CREATE TABLE statement_revision (
    statement_id    UUID        NOT NULL REFERENCES statement (id),
    revision        INTEGER     NOT NULL,
    content_sha256  TEXT        NOT NULL,
    previous_sha256 TEXT        NOT NULL,
    diff            TEXT        NOT NULL,
    retrieved_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (statement_id, revision)
);

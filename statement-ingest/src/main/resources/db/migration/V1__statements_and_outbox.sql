-- Statements as accepted. (url, content_sha256) identifies a text: the same text at the same url is
-- accepted once; a changed text is a new row (revisions are linked by the feed issue).
CREATE TABLE statement (
    id             UUID PRIMARY KEY,
    source_id      TEXT        NOT NULL,
    url            TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    body           TEXT        NOT NULL,
    language       TEXT        NOT NULL,
    published_at   TIMESTAMPTZ NOT NULL,
    retrieved_at   TIMESTAMPTZ NOT NULL,
    content_sha256 TEXT        NOT NULL,
    CONSTRAINT statement_url_content_unique UNIQUE (url, content_sha256)
);

CREATE INDEX statement_published_at_idx ON statement (published_at DESC, id DESC);

-- Transactional outbox: written in the same transaction as the statement, relayed to Kafka in id order.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    event_type   TEXT        NOT NULL,
    event_time   TIMESTAMPTZ NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;

-- Official feeds watched by the poller. Configuration, then status (what GET /api/sources/{id} shows),
-- then the poller's own bookkeeping: validators for conditional GET and the lease that lets one
-- replica at a time poll a source.
CREATE TABLE source (
    id                    TEXT PRIMARY KEY,
    name                  TEXT        NOT NULL,
    url                   TEXT        NOT NULL,
    type                  TEXT        NOT NULL CHECK (type IN ('rss', 'atom', 'jsonfeed', 'auto')),
    poll_interval_seconds INTEGER     NOT NULL CHECK (poll_interval_seconds >= 1),
    language              TEXT        NOT NULL,
    article_selector      TEXT,
    managed_by_seed       BOOLEAN     NOT NULL DEFAULT false,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,

    last_poll_at          TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    last_error            TEXT,
    consecutive_failures  INTEGER     NOT NULL DEFAULT 0,
    next_poll_at          TIMESTAMPTZ NOT NULL,
    items_seen            BIGINT      NOT NULL DEFAULT 0,

    etag                  TEXT,
    last_modified         TEXT,
    lease_owner           TEXT,
    lease_until           TIMESTAMPTZ
);

CREATE INDEX source_due_idx ON source (next_poll_at);

-- Each feed item once: its identity (feed GUID, else canonical URL) and the statement it became.
CREATE TABLE source_item (
    source_id      TEXT        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    identity       TEXT        NOT NULL,
    statement_id   UUID        NOT NULL REFERENCES statement (id),
    content_sha256 TEXT        NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_id, identity)
);

CREATE INDEX statement_source_idx ON statement (source_id, published_at DESC, id DESC);

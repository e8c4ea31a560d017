-- What each topic matched, with the sentence that matters: the latest statements of a topic as its Atom
-- feed and the portal show them, without running the topic again. Written when a statement's text is
-- held (a newer revision replaces its rows); gone with the statement (retention) or the topic.
CREATE TABLE topic_match (
    statement_id UUID        NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
    topic_id     TEXT        NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    evidence     TEXT        NOT NULL,
    matched_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (statement_id, topic_id)
);
CREATE INDEX topic_match_latest_idx ON topic_match (topic_id, matched_at DESC);

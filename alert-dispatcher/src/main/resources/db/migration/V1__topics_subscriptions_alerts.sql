-- Topics people follow; `terms` are the words and phrases that make a statement match.
CREATE TABLE topic (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL,
    terms       TEXT[]      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE subscription (
    id         UUID PRIMARY KEY,
    channel    TEXT        NOT NULL,
    target     TEXT        NOT NULL,
    secret     TEXT        NOT NULL,
    status     TEXT        NOT NULL DEFAULT 'active',
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE subscription_topic (
    subscription_id UUID NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    topic_id        TEXT NOT NULL REFERENCES topic (id),
    PRIMARY KEY (subscription_id, topic_id)
);

CREATE INDEX subscription_topic_topic_idx ON subscription_topic (topic_id);

-- One alert per (statement, subscription): the id is derived from both, so a replayed Kafka record
-- or a second replica inserts nothing. `payload` is the exact webhook body, the same on every attempt.
CREATE TABLE alert (
    id              UUID PRIMARY KEY,
    statement_id    UUID        NOT NULL,
    subscription_id UUID        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    topics          TEXT[]      NOT NULL,
    payload         BYTEA       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending',
    attempts        INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT alert_statement_subscription_unique UNIQUE (statement_id, subscription_id)
);

CREATE INDEX alert_pending_idx ON alert (created_at) WHERE status = 'pending';

-- Every attempt to deliver an alert, failed or not: nothing a receiver answered is lost.
CREATE TABLE delivery_attempt (
    id            BIGSERIAL PRIMARY KEY,
    alert_id      UUID        NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    attempted_at  TIMESTAMPTZ NOT NULL,
    status_code   INT,
    latency_ms    INT         NOT NULL,
    error         TEXT,
    response_body TEXT
);

CREATE INDEX delivery_attempt_alert_idx ON delivery_attempt (alert_id);

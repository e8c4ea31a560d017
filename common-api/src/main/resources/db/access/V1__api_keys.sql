-- API keys of both services (one credential works on both: they share this database). Only a SHA-256
-- hash of each key is kept; the key itself is shown once, when it is created.
CREATE TABLE api_key (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL CHECK (role IN ('admin', 'publisher', 'integrator')),
    -- who holds it; for an integrator also its tenant: the subscriptions it may see
    owner        text NOT NULL,
    -- publisher: the sources it may post statements for
    source_ids   text[] NOT NULL DEFAULT '{}',
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

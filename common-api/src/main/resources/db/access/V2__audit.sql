-- Every change made through the API by an admin, integrator or publisher of either service: who, what,
-- when, the state before and after (never a secret), and the request id.
CREATE TABLE audit (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text NOT NULL,
    role       text NOT NULL,
    tenant     text,
    service    text NOT NULL,
    action     text NOT NULL,
    status     int NOT NULL,
    request_id text NOT NULL,
    before     jsonb,
    after      jsonb
);
CREATE INDEX audit_at ON audit (at);

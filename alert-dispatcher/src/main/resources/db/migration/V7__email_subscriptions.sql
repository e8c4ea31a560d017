-- Email subscriptions: double opt-in (unconfirmed until the link in the confirmation email is opened,
-- deleted when it expires), and the key that signs confirmation and unsubscribe links, one for all
-- replicas, made by the first one that starts.
ALTER TABLE subscription ADD COLUMN confirm_by TIMESTAMPTZ;
CREATE INDEX subscription_unconfirmed_idx ON subscription (confirm_by) WHERE status = 'unconfirmed';

CREATE TABLE signing_key (
    name TEXT PRIMARY KEY,
    key  BYTEA NOT NULL
);

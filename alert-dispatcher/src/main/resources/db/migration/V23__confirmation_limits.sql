-- Confirmation emails sent, per address (a SHA-256 of it, lower-cased): at most a few an hour to one
-- address, whichever replica sends them. Rows older than a day are deleted by retention.
CREATE TABLE confirmation_sent (
    address_hash text        NOT NULL,
    sent_at      timestamptz NOT NULL
);
CREATE INDEX confirmation_sent_address ON confirmation_sent (address_hash, sent_at);

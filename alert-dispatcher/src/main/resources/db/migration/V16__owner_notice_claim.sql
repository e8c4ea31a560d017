-- A disabled subscription's owner notice is claimed for a while (by the database's clock) in a short
-- transaction, sent with no transaction open, then marked sent. Sending inside the transaction held the
-- subscription rows locked and a connection busy for as long as the SMTP server took (up to 50 x 15 s).
ALTER TABLE subscription ADD COLUMN owner_notice_claimed_until TIMESTAMPTZ;

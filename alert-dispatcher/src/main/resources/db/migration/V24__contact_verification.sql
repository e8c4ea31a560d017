-- The owner contact of a webhook subscription is told when alerts stop only once the address was
-- verified (the link of a verification email, then its button): nobody makes the service write to an
-- address that did not ask. Contacts given before this are unverified until verified.
ALTER TABLE subscription ADD COLUMN contact_verified_at timestamptz;

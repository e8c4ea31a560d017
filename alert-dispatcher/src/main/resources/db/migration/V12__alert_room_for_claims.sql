-- A claim only sets lease_until, which no index holds: with room left on the alert's page PostgreSQL
-- updates it in place (a HOT update) instead of writing a new row version into every index of alert.
ALTER TABLE alert SET (fillfactor = 70);

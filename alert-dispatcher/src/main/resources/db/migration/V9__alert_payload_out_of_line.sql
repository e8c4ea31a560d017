-- An alert row is updated on every claim and every attempt; PostgreSQL copies the whole row each time,
-- and payloads (1-20 KB) below its 2 KB TOAST threshold were copied with it. Kept out of line (and
-- uncompressed: it is compact JSON, sent as is), an update writes only the small row.
ALTER TABLE alert SET (toast_tuple_target = 128);
ALTER TABLE alert ALTER COLUMN payload SET STORAGE EXTERNAL;

-- An alert's id is derived from its statement, subscription and revision (Alert.idFor), so the primary
-- key already makes that triple unique. The second unique index on it cost an index entry on every
-- insert and on every delivery (a status change writes a new row version into each index): dropped.
-- "Was this subscription alerted about an earlier text" now looks up the ids that alert would have.
ALTER TABLE alert DROP CONSTRAINT alert_statement_subscription_revision_unique;

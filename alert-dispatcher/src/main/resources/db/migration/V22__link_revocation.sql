-- Email links (confirm, unsubscribe) issued before this moment are refused: POST
-- /api/subscriptions/{id}/revoke-links sets it, for a link that was forwarded or leaked.
ALTER TABLE subscription ADD COLUMN links_revoked_at timestamptz;

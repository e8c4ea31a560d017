-- Retention (dispatcher.retention.*): finished alerts (delivered, failed, digested) older than their
-- period go in batches, their attempts with them (ON DELETE CASCADE), then the shared bodies no alert
-- uses any more, then old statements. These indexes let each batch find its rows without reading the
-- table, and let deleting a body check its references (the foreign key) without a scan per row.
CREATE INDEX alert_finished_created_idx ON alert (created_at) WHERE status IN ('delivered', 'failed', 'digested');
CREATE INDEX alert_body_ref_idx ON alert (body_id) WHERE body_id IS NOT NULL;
CREATE INDEX statement_received_at_idx ON statement (received_at);

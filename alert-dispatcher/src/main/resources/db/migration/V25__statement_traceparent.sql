-- The W3C traceparent of the span that planned the statement's held text (null when tracing is off):
-- its alerts are sent in spans of that trace, so one trace follows a statement from ingest's request to
-- the webhook POST, whichever replica claims the alert and however late its retry.
ALTER TABLE statement ADD COLUMN traceparent TEXT;

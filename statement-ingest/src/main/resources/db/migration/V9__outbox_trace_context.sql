-- The W3C trace context (traceparent) of the request that stored an event: the relay's publish and the
-- Kafka record join that request's trace, though they happen later on another thread or replica.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;

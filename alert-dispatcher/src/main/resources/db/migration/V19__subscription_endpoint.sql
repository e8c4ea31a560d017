-- The endpoint a subscription's deliveries share a concurrency limit and a circuit breaker with: a
-- webhook's host (the URL's authority, lower case), an email's address (Endpoints.of says the same in
-- Java). Per URL, many subscriptions to one receiver (one host, different paths) each had their own limit,
-- so one slow host could take every sender. Filled in by the database when a writer leaves it out.
CREATE FUNCTION subscription_endpoint(channel TEXT, target TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN channel = 'webhook'
        THEN coalesce(lower(substring(target FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)')), target)
        ELSE target END
$$;

ALTER TABLE subscription ADD COLUMN endpoint TEXT;
UPDATE subscription SET endpoint = subscription_endpoint(channel, target);
ALTER TABLE subscription ALTER COLUMN endpoint SET NOT NULL;

CREATE FUNCTION subscription_endpoint_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.endpoint IS NULL THEN
        NEW.endpoint := subscription_endpoint(NEW.channel, NEW.target);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER subscription_endpoint_default BEFORE INSERT ON subscription
    FOR EACH ROW EXECUTE FUNCTION subscription_endpoint_default();

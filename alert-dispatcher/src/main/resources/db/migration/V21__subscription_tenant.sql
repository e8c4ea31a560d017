-- The integrator (tenant) that created a subscription: it alone, with admins, may see and manage it.
-- NULL for subscriptions an admin created, and for every subscription made before access control.
ALTER TABLE subscription ADD COLUMN tenant text;
CREATE INDEX subscription_tenant ON subscription (tenant) WHERE tenant IS NOT NULL;

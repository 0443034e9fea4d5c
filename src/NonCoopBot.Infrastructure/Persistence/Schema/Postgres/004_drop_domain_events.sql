-- The domain_events table was written on every matter save and never read: the alert rows, written in the
-- same transaction as the matter, are the outbox (docs/domain-events.md). It goes.
DROP INDEX IF EXISTS ix_domain_events_pending;
DROP TABLE IF EXISTS domain_events;

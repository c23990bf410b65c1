-- Messages Watchpost owes Kafka (decision D15): dead letters and the escalations the deadline
-- enforcer requests are written here in the same transaction as the decision that makes them,
-- and every worker's relay publishes them (FOR UPDATE SKIP LOCKED) and deletes each row once its
-- delivery report came back. No order of crashes, outages and refusals can lose one, and neither
-- the consumer loop nor the enforcer ever waits on the broker.
CREATE TABLE outbox (
    id                 bigserial PRIMARY KEY,
    -- A dead letter: the message is built from its rejected_events row when it is sent, with
    -- headers bounded by the producer's message.max.bytes at that time.
    rejected_event_id  bigint REFERENCES rejected_events (id) ON DELETE CASCADE,
    -- Any other message, as it is to be sent.
    topic              text,
    key                bytea,
    value              bytea,
    created_at         timestamptz NOT NULL,
    -- Set when the broker refused the message for a reason that will not change (too large, topic
    -- unknown, not authorised): the row stays for the operator and is tried again hourly.
    failed_at          timestamptz,
    error              text,
    CHECK ((rejected_event_id IS NOT NULL) <> (topic IS NOT NULL AND value IS NOT NULL))
);
CREATE INDEX outbox_pending ON outbox (id) WHERE failed_at IS NULL;

-- Where an input was refused: `store` (a valid event the database refused for good, isolated by
-- bisection, D10) and `conflict` (an event_id stored before with another body, D16).
ALTER TABLE rejected_events DROP CONSTRAINT rejected_events_stage_check;
ALTER TABLE rejected_events ADD CONSTRAINT rejected_events_stage_check
    CHECK (stage IN ('decode', 'routing', 'store', 'conflict'));

-- SHA-256 of the event's canonical envelope (EventEncoder), to tell an identical repeat of an
-- event_id (a silent duplicate) from a reuse with another body (a conflict). NULL for events
-- stored before this migration, which are compared by id only.
ALTER TABLE events ADD COLUMN envelope_sha256 bytea;

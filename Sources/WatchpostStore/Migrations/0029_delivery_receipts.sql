-- Delivery receipts (issue 30, D61): what a provider said became of a message after it accepted
-- it. The SMS gateway's delivery reports (`POST /v1/sms/receipts`) and Zalo's receipts
-- (`POST /v1/zalo/events`) are each kept as they arrived, once per message and status word,
-- whether or not an attempt sent that message (`attempt_id` is then empty: nothing is dropped).
-- `outcome` is what the word means: `delivered` (it reached the phone or the Zalo app), `failed`
-- (the network gave up: undelivered, expired, rejected) or `interim` (on its way; changes nothing).
CREATE TABLE delivery_receipts (
    id                   bigserial PRIMARY KEY,
    channel_kind         text NOT NULL CHECK (channel_kind IN ('sms', 'zalo')),
    provider_message_id  text NOT NULL CHECK (length(provider_message_id) BETWEEN 1 AND 200),
    status               text NOT NULL CHECK (length(status) BETWEEN 1 AND 40),
    outcome              text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'interim')),
    error                text CHECK (length(error) <= 200),
    reported_at          timestamptz NOT NULL,
    received_at          timestamptz NOT NULL,
    attempt_id           bigint REFERENCES delivery_attempts (id),
    UNIQUE (channel_kind, provider_message_id, status)
);
CREATE INDEX delivery_receipts_unmatched ON delivery_receipts (received_at) WHERE attempt_id IS NULL;

-- The attempt that sent the message carries the outcome that holds, and since when: a
-- `delivered` receipt overrides a `failed` one, never the reverse. Receipts recorded before
-- this migration were all Zalo's `user_received_message`.
ALTER TABLE delivery_attempts
    ADD COLUMN receipt_status text CHECK (receipt_status IN ('delivered', 'failed'));
UPDATE delivery_attempts SET receipt_status = 'delivered' WHERE receipt_at IS NOT NULL;
ALTER TABLE delivery_attempts
    ADD CONSTRAINT delivery_attempts_receipt_pair CHECK ((receipt_at IS NULL) = (receipt_status IS NULL));

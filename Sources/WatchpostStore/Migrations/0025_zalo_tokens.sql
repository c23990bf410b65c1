-- Zalo ZNS (issue 30): the Official Account's tokens, shared by every worker. Zalo's refresh
-- tokens are single-use and rotate, so the row is refreshed under `SELECT … FOR UPDATE`: one
-- worker refreshes, the others wait and read what it stored. `seed` is the SHA-256 of the
-- operator's WATCHPOST_ZNS_REFRESH_TOKEN the chain started from (a new one restarts the chain).
CREATE TABLE zalo_tokens (
    app_id         text PRIMARY KEY,
    access_token   text,
    refresh_token  text NOT NULL,
    expires_at     timestamptz,
    seed           text NOT NULL,
    refreshed_at   timestamptz
);

-- The provider's id of the message an attempt sent (ZNS `msg_id`), and when the provider said
-- it reached the recipient's device (Zalo's `user_received_message` event).
ALTER TABLE delivery_attempts
    ADD COLUMN provider_message_id text,
    ADD COLUMN receipt_at timestamptz;
CREATE INDEX delivery_attempts_provider_message ON delivery_attempts (provider_message_id)
    WHERE provider_message_id IS NOT NULL;

-- Sign-in that cannot be guessed over time nor jammed (issue 26, item 2).

-- Wrong codes per officer (or per name typed that is no officer), across all of their codes.
-- From the 5th on, the next check must wait 2^(failures - 4) seconds after the last wrong one,
-- at most 4 hours; a right code deletes the row. Never a lock: the wait is bounded, and the
-- link in the message is not subject to it.
CREATE TABLE sign_in_failures (
    officer_key      text PRIMARY KEY,
    failures         integer NOT NULL CHECK (failures > 0),
    last_failure_at  timestamptz NOT NULL
);

-- An officer holds at most one live code. A repeated request re-sends it, once, at least a
-- minute after it was last sent, as a second delivery sealed when the challenge was made (the
-- code is never stored in plain; the box opens only for `resend_delivery_id`). The box is
-- erased when it is queued, when the challenge is used, and once the challenge has expired.
-- A name that is no officer gets a decoy challenge (`officer_id` = `typed:…`) made with the same
-- work, which is never sent.
ALTER TABLE sign_in_challenges ADD COLUMN resend_delivery_id uuid;
ALTER TABLE sign_in_challenges ADD COLUMN resend_sealed_message bytea;
ALTER TABLE sign_in_challenges ADD COLUMN last_sent_at timestamptz;
ALTER TABLE sign_in_challenges ADD COLUMN resent_at timestamptz;

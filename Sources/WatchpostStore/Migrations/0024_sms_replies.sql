-- Texts officers send back to an alert (issue 30): "1 482913" acknowledges the alert whose
-- reply code is 482913. One row per text the SMS gateway hands over, keyed by the gateway's own
-- message id, so a post the gateway repeats is judged and answered once. The outcome says what
-- the text did: `acknowledged`, or why it changed nothing. The answer is the text sent back.
CREATE TABLE sms_replies (
    id                  uuid PRIMARY KEY,
    gateway_message_id  text NOT NULL UNIQUE CHECK (length(gateway_message_id) BETWEEN 1 AND 200),
    from_phone          text NOT NULL,
    text                text NOT NULL CHECK (length(text) <= 160),
    received_at         timestamptz NOT NULL,
    outcome             text NOT NULL CHECK (outcome IN (
                            'acknowledged', 'unknown_number', 'unreadable', 'unknown_code', 'ambiguous_code',
                            'expired', 'used', 'already_acknowledged', 'resolved', 'before_reopen',
                            'incident_missing')),
    officer_id          text,
    incident_id         uuid,
    delivery_id         uuid,
    answer              text NOT NULL,
    answered_at         timestamptz,
    answer_error        text
);
CREATE INDEX sms_replies_received ON sms_replies (received_at);

-- The reply code is found among the recent deliveries to the officers of the number that
-- answered.
CREATE INDEX deliveries_recipient_created ON deliveries (recipient, created_at);

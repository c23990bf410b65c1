-- The id of the key whose signature an event proved before it was refused (issue 26): `dlq
-- replay` signs such a row again only while that key is still held, so a key revoked since
-- cannot be laundered through the dead-letter queue. NULL: the message was unsigned, or was
-- recorded before this column existed; either way it is replayed unsigned.
ALTER TABLE rejected_events ADD COLUMN key_id text;

-- One channel kind for SMS (issue 27): the directory's `phone` channel and the delivery's `sms`
-- channel are one `ChannelKind.sms`. Deliveries and officers stored before keep `phone` in their
-- channel lists; they are rewritten so that the dispatcher's claim, which filters on the kind,
-- finds them. (The directory snapshots keep their text; `ChannelKind` still decodes `phone`.)
UPDATE deliveries
SET channels = (
    SELECT jsonb_agg(CASE WHEN c->>'kind' = 'phone' THEN jsonb_set(c, '{kind}', '"sms"') ELSE c END
                     ORDER BY n)
    FROM jsonb_array_elements(channels) WITH ORDINALITY AS e(c, n)
)
WHERE channels @> '[{"kind": "phone"}]';

UPDATE officers
SET channels = (
    SELECT jsonb_agg(CASE WHEN c->>'kind' = 'phone' THEN jsonb_set(c, '{kind}', '"sms"') ELSE c END
                     ORDER BY n)
    FROM jsonb_array_elements(channels) WITH ORDINALITY AS e(c, n)
)
WHERE channels @> '[{"kind": "phone"}]';

-- Grouped messages (issue 30, D58): a delivery the routing policy holds (`grouping` in
-- routing.yaml) waits in a group, due when the group goes out. The dispatcher claims a group's
-- pending deliveries together and sends them as one message; a held delivery cancelled
-- meanwhile simply leaves the group. NULL: an ordinary delivery, sent on its own.
ALTER TABLE deliveries ADD COLUMN group_key text;

-- The groups held now (few rows): found by key when a group is claimed, and by recipient
-- (the key starts with the recipient's id) when a new alert may join one.
CREATE INDEX deliveries_held_groups ON deliveries (group_key) WHERE status = 'pending' AND group_key IS NOT NULL;

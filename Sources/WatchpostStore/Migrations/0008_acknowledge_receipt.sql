-- The authority desk's acknowledgement of receipt is its own obligation (D33): a new obligation
-- kind, so that the desk's silence escalates to the authority's leadership and never to the
-- school's head. The kind's CHECK is replaced, as 0001 foresaw, with the old values kept.
ALTER TABLE obligations DROP CONSTRAINT obligations_kind_check;
ALTER TABLE obligations ADD CONSTRAINT obligations_kind_check CHECK (kind IN ('acknowledge', 'take_down',
    'publish_correction', 'notify_police', 'report_to_authority', 'acknowledge_receipt'));

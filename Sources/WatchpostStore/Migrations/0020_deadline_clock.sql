-- The clock each obligation's deadlines run on (issue 29): `calendar`, every hour counts; or
-- `working`, only the school's working hours count. Obligations stored before ran on the calendar.
ALTER TABLE obligations
    ADD COLUMN clock text NOT NULL DEFAULT 'calendar' CHECK (clock IN ('calendar', 'working'));

-- Scheduled reports (D37 in docs/decisions.md): the workers produce each authority's weekly and
-- monthly report once per period and deliver it through the delivery outbox.

-- One row per report produced. The unique key is what makes a period's report exist once,
-- however many workers look for it at the same moment.
CREATE TABLE report_runs (
    id             uuid PRIMARY KEY,
    cadence        text NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
    -- The issuing education authority; the report covers its schools (or, for an authority
    -- above the others, every school).
    authority_id   text NOT NULL CHECK (authority_id <> ''),
    period_from    timestamptz NOT NULL,
    period_to      timestamptz NOT NULL CHECK (period_to > period_from),
    -- The document number within the authority's calendar year (Vietnam time) of issue, as
    -- in "12/BC-VHXH".
    year           integer NOT NULL,
    number         integer NOT NULL CHECK (number > 0),
    number_text    text NOT NULL,
    produced_at    timestamptz NOT NULL,
    produced_by    text NOT NULL CHECK (produced_by <> ''),
    subject_vi     text NOT NULL,
    subject_en     text NOT NULL,
    summary_vi     text NOT NULL,
    summary_en     text NOT NULL,
    -- The report as Markdown (the text channels' body) and as the HTML document.
    markdown       text NOT NULL,
    html           text NOT NULL,
    -- The figures as `watchpost report --format json` gives them.
    figures        jsonb NOT NULL,
    UNIQUE (cadence, authority_id, period_from)
);
CREATE UNIQUE INDEX report_runs_number ON report_runs (authority_id, year, number);

-- A delivery carries an alert, a sealed sign-in message, or a report.
ALTER TABLE deliveries ADD COLUMN report_run_id uuid REFERENCES report_runs (id);
ALTER TABLE deliveries DROP CONSTRAINT deliveries_alert_or_message;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_alert_or_message
    CHECK (alert_id IS NOT NULL OR report_run_id IS NOT NULL OR status <> 'pending' OR sealed_message IS NOT NULL);
CREATE INDEX deliveries_report_run ON deliveries (report_run_id) WHERE report_run_id IS NOT NULL;

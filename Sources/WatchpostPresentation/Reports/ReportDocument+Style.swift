extension ReportDocument {
    /// The document's style: A4 with the margins of Decree 30/2020/NĐ-CP (top and bottom 20 mm,
    /// right 15 mm, left 30 mm), Times New Roman (or the metric-compatible Liberation Serif) at
    /// 13 pt, the page number at the top centre from page 2 on, tables that break between rows with
    /// their header repeated on every page.
    static let stylesheet = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        @page { @top-center { content: counter(page); font: 13pt "Times New Roman", "Liberation Serif", serif; } }
        @page :first { @top-center { content: none; } }
        html { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.3;
          color: #000; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; }
        @media screen { body { max-width: 165mm; margin: 10mm auto; padding: 0 4mm; } }
        p { margin: 0; }
        .draft { margin-bottom: 6pt; text-align: right; font-weight: bold; }
        table.heading, table.closing { width: 100%; border-collapse: collapse; }
        table.heading td, table.closing td { padding: 0; vertical-align: top; text-align: center; }
        td.issuer { width: 38%; font-size: 12.5pt; }
        .summary, h2 { text-wrap: balance; }
        .keep { white-space: nowrap; }
        td.nation { width: 62%; }
        .issuing-body, .republic, .motto { font-weight: bold; }
        .republic { font-size: 12.5pt; white-space: nowrap; }
        .motto span { display: inline-block; padding-bottom: 1pt; border-bottom: 0.75pt solid #000; }
        .short-rule::after { content: ""; display: block; width: 33%; margin: 2pt auto 0;
          border-top: 0.75pt solid #000; }
        tr.dateline td { padding-top: 8pt; }
        td.place-date { font-style: italic; }
        .number-blank { display: inline-block; width: 12mm; }
        h1 { margin: 20pt 0 0; font-size: 14pt; text-align: center; }
        .summary { margin-bottom: 12pt; font-weight: bold; text-align: center; }
        .lead { margin: 6pt 0; text-indent: 10mm; text-align: justify; }
        .conclusion { margin: 12pt 0 6pt; text-indent: 10mm; text-align: justify; }
        h2 { margin: 12pt 0 6pt; font-size: 13pt; break-after: avoid; page-break-after: avoid; }
        figure { margin: 6pt 0 8pt; break-inside: avoid; page-break-inside: avoid; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: 11pt; font-style: italic; text-align: center; }
        table.figures { width: 100%; margin: 4pt 0 8pt; border-collapse: collapse; font-size: 10.5pt;
          line-height: 1.2; page-break-inside: auto; }
        table.figures th, table.figures td { padding: 2pt 3pt; border: 0.5pt solid #000; vertical-align: top; }
        table.figures th { font-weight: bold; text-align: center; }
        table.figures th:first-child { width: 24%; }
        table.figures td.num { text-align: right; white-space: nowrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .continued, .none { font-style: italic; }
        table.closing { margin-top: 18pt; break-inside: avoid; page-break-inside: avoid; }
        table.closing td.recipients { width: 45%; font-size: 11pt; text-align: left; }
        .recipients-heading { font-size: 12pt; font-weight: bold; font-style: italic; }
        td.signature { width: 55%; }
        .signer-title, .signer-name { font-weight: bold; }
        .signature-space { height: 24mm; }

        """
}

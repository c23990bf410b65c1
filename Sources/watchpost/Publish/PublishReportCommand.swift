import ArgumentParser
import Foundation

/// `watchpost publish report`: reports something seen online (`incident.reported`).
struct PublishReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report an incident seen on a social network (incident.reported).",
        discussion: """
            Example:
              watchpost publish report --officer gs-thcs-binh-son --unit thcs-binh-son \\
                --platform tiktok --url https://www.tiktok.com/@user/video/7300000000000000001 \\
                --category school_violence --severity high --subject student \\
                --summary "Video of a fight behind the school gym is being shared"

            Or publish whole envelopes unchanged: --file event.json (one JSON object, or one per \
            line), --file - for stdin. All are validated first; if any is invalid none is sent.
            """
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "The unit (school) id, as in directory.yaml.")
    var unit: String?

    @Option(help: "facebook, zalo, tiktok, instagram, youtube or other.")
    var platform: String?

    @Option(name: .customLong("url"), help: "A link to the content (repeatable, 1-10).")
    var urls: [String] = []

    @Option(
        help: """
            unverified_information, false_information, sensitive_content, incitement_social_evils, \
            school_violence, law_violation_signs, child_at_risk or other.
            """
    )
    var category: String?

    @Option(help: "low, medium, high or critical.")
    var severity: String?

    @Option(
        name: .customLong("subject"),
        help: "The role of a person involved: student, teacher, staff, manager (repeatable). Never a name."
    )
    var subjects: [String] = []

    @Option(help: "What is happening, without names (1-2000 characters).")
    var summary: String?

    @Option(
        help: """
            Reports with the same key attach to the same open incident. Default: the content's platform id \
            in the first URL (tiktok:video:…), else that URL normalised.
            """
    )
    var dedupKey: String?

    @Option(
        name: [.customLong("incident-id"), .customLong("incident")],
        help: "Use this incident id. Default: a new random UUID."
    )
    var incidentID: String?

    @Option(help: "Publish the envelope(s) in this file unchanged; - reads stdin.")
    var file: String?

    func validate() throws {
        let flagsGiven =
            unit != nil || platform != nil || !urls.isEmpty || category != nil || severity != nil
            || !subjects.isEmpty || summary != nil || dedupKey != nil || incidentID != nil
            || who.officer != nil || who.source != nil
        if file != nil, flagsGiven {
            throw ValidationError("--file publishes whole envelopes; do not combine it with event flags")
        }
    }

    func run() async throws {
        let runner = PublishRunner(options: publish)
        if let file { return try await runner.publish(file: file) }
        var data: [(String, DraftJSON)] = []
        if let platform { data.append(("platform", .string(platform))) }
        if !urls.isEmpty { data.append(("urls", .array(urls.map(DraftJSON.string)))) }
        if let category { data.append(("category", .string(category))) }
        if let severity { data.append(("severity", .string(severity))) }
        data.append(("subjects", .array(subjects.map(DraftJSON.string))))
        // An empty --summary "" is kept so the decoder reports it as empty, not as missing.
        if let summary { data.append(("summary", .string(summary))) }
        if let dedupKey { data.append(("dedup_key", .string(dedupKey))) }
        let draft = EventDraft(
            type: "incident.reported",
            incidentID: incidentID ?? UUID().uuidString.lowercased(),
            unitID: unit,
            source: who.resolved,
            data: data
        )
        try await runner.publish(drafts: [draft])
    }
}

import Foundation
import WatchpostCore
import WatchpostStore

/// A year of monitoring in a generated province, deterministic from a seed: incidents reported by
/// the monitoring tool with the rhythm of school life (school hours and evenings, fewer at
/// weekends, far fewer at Tết and in the summer holidays), then updates, acknowledgements on time
/// or late (which the enforcer reminds and escalates), actions and resolutions by the school's
/// officers, and the same post reported again as another incident (which the store attaches to
/// the first). Every event in time order.
struct ProvinceYear {
    /// 1 December 2025, 00:00 in Asia/Ho_Chi_Minh: the year runs to 1 December 2026.
    static let start = ReportScope.localDay("2025-12-01")!
    static let days = 365
    static var end: Date { start.addingTimeInterval(Double(days) * 86_400) }
    static let tool = EventSource(kind: .tool, id: "monitor-tool")
    /// Events per incident on average, to size the year from an event count.
    static let eventsPerIncident = 5.0

    /// Every event, in `occurredAt` order.
    let events: [Event]
    let incidents: Int

    /// About `eventCount` events on the schools of `directory`.
    init(directory: Directory, eventCount: Int, seed: UInt64) {
        var random = PipelineRandom(state: seed)
        let schools = directory.schools.map(\.id)
        let dayWeights = (0..<Self.days).map { Self.weight(ofDay: Self.start.addingTimeInterval(Double($0) * 86_400)) }
        let dayTable = Self.cumulative(dayWeights)
        let hourTable = Self.cumulative(Self.hourWeights)
        let incidents = max(1, Int(Double(eventCount) / Self.eventsPerIncident))
        var events: [Event] = []
        events.reserveCapacity(eventCount + eventCount / 10)
        for number in 1...incidents {
            let day = Self.pick(dayTable, &random)
            let hour = Self.pick(hourTable, &random)
            let reportedAt = Self.start.addingTimeInterval(
                Double(day) * 86_400 + Double(hour) * 3_600 + Double.random(in: 0..<3_600, using: &random)
            )
            let school = schools[Int.random(in: 0..<schools.count, using: &random)]
            events += Self.lifecycle(
                number: number,
                school: school,
                desk: "cv-vhxh-" + (directory.unit(school)?.commune ?? "xa-").dropFirst(3),
                at: reportedAt,
                seed: seed,
                random: &random
            )
        }
        self.events = events.filter { $0.occurredAt < Self.end }.sorted {
            ($0.occurredAt, $0.eventID.uuidString) < ($1.occurredAt, $1.eventID.uuidString)
        }
        self.incidents = incidents
    }

    /// One incident's events from its report at `reportedAt`.
    static func lifecycle(
        number: Int,
        school: UnitID,
        desk: OfficerID,
        at reportedAt: Date,
        seed: UInt64,
        random: inout PipelineRandom
    ) -> [Event] {
        let incident = UUID.v5(namespace: .watchpost, name: "province-incident:\(seed):\(number)")
        let head = EventSource(kind: .officer, id: ProvinceDirectory.officer("ht", of: school))
        let deputy = EventSource(kind: .officer, id: ProvinceDirectory.officer("pht", of: school))
        var events: [Event] = []
        func add(_ payload: EventPayload, by source: EventSource, at date: Date, incident id: UUID = incident) {
            events.append(
                Event(
                    eventID: UUID.v5(namespace: .watchpost, name: "province-event:\(seed):\(number):\(events.count)"),
                    incidentID: id,
                    occurredAt: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)),
                    source: source,
                    unitID: school,
                    payload: payload
                )
            )
        }
        func minutes(_ range: ClosedRange<Double>) -> TimeInterval { Double.random(in: range, using: &random) * 60 }
        let platform: Platform = [.facebook, .facebook, .tiktok, .zalo].randomElement(using: &random)!
        let url = PipelineScenario.url(on: platform, seed: seed, number: number)
        let report = IncidentReported(
            platform: platform,
            urls: [url],
            category: IncidentCategory.allCases.randomElement(using: &random)!,
            severity: severity(&random),
            subjects: [SubjectRole.allCases.randomElement(using: &random)!],
            summary: PipelineScenario.vietnameseSummaries[number % PipelineScenario.vietnameseSummaries.count]
                + " (vụ \(number))",
            dedupKey: DedupKey.defaultKey(forFirstURL: url)
        )
        add(.reported(report), by: tool, at: reportedAt)
        if Double.random(in: 0..<1, using: &random) < 0.04 {
            // The same post reported again a little later: attached to this incident.
            let again = UUID.v5(namespace: .watchpost, name: "province-incident:\(seed):\(number):again")
            add(.reported(report), by: tool, at: reportedAt + minutes(5...120), incident: again)
        }
        if Double.random(in: 0..<1, using: &random) < 0.3 {
            add(
                .updated(
                    IncidentUpdated(summary: "Bài đăng được chia sẻ thêm (vụ \(number))", addedURLs: [url + "/2"])
                ),
                by: tool,
                at: reportedAt + minutes(10...180)
            )
        }
        // Most are acknowledged within the two working hours; about one in eight late, after a
        // reminder or the first escalation; about one in twelve a day or more late, after the
        // chain's last level. Every incident is resolved in the end, which closes what is open:
        // an obligation left open would be reminded every 8 hours for the rest of the year.
        let delay = Double.random(in: 0..<1, using: &random)
        let acknowledgedAt =
            reportedAt
            + (delay < 0.8 ? minutes(3...80) : delay < 0.92 ? minutes(150...600) : minutes(1_440...4_320))
        add(
            .acknowledged(IncidentAcknowledged(note: "Đã nắm thông tin")),
            by: Bool.random(using: &random) ? head : deputy,
            at: acknowledgedAt
        )
        // Then what the rules ask of this category and severity (routing.yaml): the head's
        // actions, each within hours, one in ten late; the authority desk confirms receipt of
        // the head's report. Every incident is resolved in the end, which withdraws what is left.
        var last = acknowledgedAt
        func act(_ action: ActionKind) {
            let late = Double.random(in: 0..<1, using: &random) < 0.1
            let at = acknowledgedAt + (late ? minutes(600...2_880) : minutes(5...180))
            add(.actionRecorded(ActionRecorded(action: action)), by: head, at: at)
            last = Swift.max(last, at)
        }
        for action in requiredActions(report) { act(action) }
        if needsAuthorityReport(report) {
            add(
                .acknowledged(IncidentAcknowledged(note: "Đã nhận báo cáo")),
                by: EventSource(kind: .officer, id: desk),
                at: acknowledgedAt + minutes(200...400)
            )
        }
        if Double.random(in: 0..<1, using: &random) < 0.5 {
            act([ActionKind.parentsInformed, .disciplinaryReview].randomElement(using: &random)!)
        }
        add(.resolved(IncidentResolved(note: "Đã xử lý xong")), by: head, at: last + minutes(60...4_320))
        return events
    }

    /// The actions that meet the obligations the shipped rules open for `report`.
    static func requiredActions(_ report: IncidentReported) -> [ActionKind] {
        var actions: [ActionKind] = []
        switch report.category {
        case .falseInformation, .unverifiedInformation: actions = [.contentRemoved, .correctionPublished]
        case .sensitiveContent: actions = [.contentRemoved]
        case .schoolViolence, .incitementSocialEvils: actions = [.contentRemoved, .authorityReported]
        case .lawViolationSigns: actions = [.policeNotified, .contentRemoved, .correctionPublished]
        case .childAtRisk: actions = [.policeNotified, .authorityReported]
        case .other: actions = []
        }
        if report.severity == .critical || (report.severity == .high && needsAuthorityReport(report)) {
            actions.append(.policeNotified)
        }
        if actions.contains(.policeNotified) && !actions.contains(.correctionPublished) {
            actions.append(.correctionPublished)
        }
        if report.subjects.contains(.staff) && !actions.contains(.authorityReported) {
            actions.append(.authorityReported)
        }
        return actions
    }

    /// Whether the school reports `report` to its authority, whose desk then confirms receipt.
    static func needsAuthorityReport(_ report: IncidentReported) -> Bool {
        [.schoolViolence, .incitementSocialEvils, .childAtRisk].contains(report.category)
            || ([.falseInformation, .unverifiedInformation, .sensitiveContent].contains(report.category)
                && report.subjects.contains(.staff))
    }

    /// Low 30 %, medium 45 %, high 20 %, critical 5 %.
    static func severity(_ random: inout PipelineRandom) -> Severity {
        let draw = Int.random(in: 0..<100, using: &random)
        return draw < 30 ? .low : draw < 75 ? .medium : draw < 95 ? .high : .critical
    }

    /// How busy a local day is: weekdays 1, Saturdays 0.35, Sundays 0.2; Tết (14–22 February
    /// 2026) and public holidays much less; the summer holidays (June to August) 0.4.
    static func weight(ofDay date: Date) -> Double {
        let parts = LocalTime.calendar.dateComponents([.month, .day, .weekday], from: date)
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        var weight =
            switch parts.weekday {
            case 7: 0.35
            case 1: 0.2
            default: 1.0
            }
        if month == 2 && (14...22).contains(day) { weight *= 0.15 }
        if (month == 4 && day == 30) || (month == 5 && day == 1) || (month == 9 && (1...2).contains(day)) {
            weight *= 0.3
        }
        if (6...8).contains(month) { weight *= 0.4 }
        return weight
    }

    /// How busy each local hour is: school hours, a lunch dip and the evening on social networks.
    static let hourWeights: [Double] = [
        0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.5, 1.0, 1.0, 1.0, 1.0, 0.7,
        0.4, 1.0, 1.0, 1.0, 1.0, 0.7, 0.6, 0.8, 0.8, 0.8, 0.4, 0.2,
    ]

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map {
            total += $0
            return total
        }
    }

    /// An index drawn with the weights whose running totals are `table`.
    static func pick(_ table: [Double], _ random: inout PipelineRandom) -> Int {
        let draw = Double.random(in: 0..<(table.last ?? 1), using: &random)
        var low = 0
        var high = table.count - 1
        while low < high {
            let middle = (low + high) / 2
            if table[middle] > draw { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

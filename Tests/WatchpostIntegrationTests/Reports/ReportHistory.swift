import Foundation
import Postgres
import WatchpostCore
import WatchpostStore

/// A month of history written straight into the tables, with every time chosen, for the period
/// report's tests: November 2026 (Asia/Ho_Chi_Minh) and October before it, two schools of the
/// Bình Sơn authority, and the head of THCS Bình Sơn replaced by a directory sync on 15 November.
/// The expected figures are worked out by hand from these rows in `ReportFiguresTests`.
enum ReportHistory {
    static let from = ReportScope.localDay("2026-11-01")!
    static let to = ReportScope.localDay("2026-12-01")!
    static let authority: UnitID = "vhxh-xa-binh-son"
    static let school: UnitID = "thcs-binh-son"
    static let otherSchool: UnitID = "th-binh-long"
    static let oldHead: OfficerID = "ht-thcs-binh-son"
    static let oldHeadName = "Châu Tấn Hiếu"
    static let newHead: OfficerID = "ht-moi-thcs-binh-son"
    static let newHeadName = "Lê Thị Thu Hà"
    static let otherHead: OfficerID = "ht-th-binh-long"
    static let deputy: OfficerID = "pht-thcs-binh-son"

    /// `days` days and `minutes` minutes after the start of November.
    static func at(days: Double, minutes: Double = 0) -> Date {
        from.addingTimeInterval(days * 86_400 + minutes * 60)
    }

    /// The directory sync that replaces the head: mid-period.
    static let remappedAt = at(days: 14)

    struct Incident {
        var id = UUID()
        var school: UnitID
        var category: IncidentCategory
        var platform: Platform
        var severity: Severity
        var openedAt: Date
        var acknowledgedAt: Date?
        /// The first `content_removed` action.
        var takenDownAt: Date?
        var policeNotifiedAt: Date?
        var escalatedAt: Date?
    }

    struct Obligation {
        var incident: Int
        var kind: ObligationKind
        var relation: Relation = .schoolHead
        /// Who the row names now (the router may rewrite it for an open obligation).
        var owner: OfficerID?
        var dueMinutes: Double
        var status: String
        var closedMinutes: Double?
    }

    /// I0–I4 in November, I5–I6 in October.
    static let incidents: [Incident] = [
        Incident(
            school: school,
            category: .falseInformation,
            platform: .facebook,
            severity: .high,
            openedAt: at(days: 1),
            acknowledgedAt: at(days: 1, minutes: 30),
            takenDownAt: at(days: 1, minutes: 120)
        ),
        Incident(
            school: school,
            category: .schoolViolence,
            platform: .tiktok,
            severity: .critical,
            openedAt: at(days: 3),
            acknowledgedAt: at(days: 3, minutes: 180),
            escalatedAt: at(days: 3, minutes: 245)
        ),
        Incident(
            school: school,
            category: .other,
            platform: .facebook,
            severity: .medium,
            openedAt: at(days: 20),
            acknowledgedAt: at(days: 20, minutes: 10),
            policeNotifiedAt: at(days: 20, minutes: 120)
        ),
        Incident(school: school, category: .other, platform: .zalo, severity: .low, openedAt: at(days: 28)),
        Incident(
            school: otherSchool,
            category: .sensitiveContent,
            platform: .facebook,
            severity: .medium,
            openedAt: at(days: 5),
            acknowledgedAt: at(days: 5, minutes: 60),
            takenDownAt: at(days: 5, minutes: 240)
        ),
        Incident(
            school: school,
            category: .falseInformation,
            platform: .facebook,
            severity: .high,
            openedAt: at(days: -10),
            acknowledgedAt: at(days: -10, minutes: 5),
            escalatedAt: at(days: -10, minutes: 70)
        ),
        Incident(
            school: otherSchool,
            category: .schoolViolence,
            platform: .tiktok,
            severity: .critical,
            openedAt: at(days: -2)
        ),
    ]

    /// Each opens with its incident; minutes count from the incident's opening.
    static let obligations: [Obligation] = [
        // I0: both met in time, under the old head.
        Obligation(incident: 0, kind: .acknowledge, owner: oldHead, dueMinutes: 60, status: "met", closedMinutes: 30),
        Obligation(incident: 0, kind: .takeDown, owner: oldHead, dueMinutes: 1_440, status: "met", closedMinutes: 120),
        // I1: acknowledged 2 h late; the police never notified (escalated). The open row now names
        // the new head, as the router rewrites an open obligation's owner after the sync; the
        // deadline still passed under the old one.
        Obligation(incident: 1, kind: .acknowledge, owner: oldHead, dueMinutes: 60, status: "met", closedMinutes: 180),
        Obligation(incident: 1, kind: .notifyPolice, owner: newHead, dueMinutes: 240, status: "open"),
        // I2, after the sync: two in time, one late; the late one's deadline fell under the new head.
        Obligation(incident: 2, kind: .acknowledge, owner: newHead, dueMinutes: 60, status: "met", closedMinutes: 10),
        Obligation(
            incident: 2,
            kind: .notifyPolice,
            owner: newHead,
            dueMinutes: 240,
            status: "met",
            closedMinutes: 120
        ),
        Obligation(
            incident: 2,
            kind: .reportToAuthority,
            owner: newHead,
            dueMinutes: 2_880,
            status: "met",
            closedMinutes: 3_000
        ),
        // I3: the head's deadline is after the period (still open); the desk's has passed (missed,
        // the school's tally only: the desk is not the school's).
        Obligation(incident: 3, kind: .acknowledge, owner: newHead, dueMinutes: 4 * 1_440, status: "open"),
        Obligation(
            incident: 3,
            kind: .acknowledgeReceipt,
            relation: .authorityDesk,
            owner: "cv-vhxh-binh-son",
            dueMinutes: 120,
            status: "open"
        ),
        // I4, the other school: met exactly at the deadline (in time), and one withdrawn.
        Obligation(incident: 4, kind: .acknowledge, owner: otherHead, dueMinutes: 60, status: "met", closedMinutes: 60),
        Obligation(
            incident: 4,
            kind: .takeDown,
            owner: otherHead,
            dueMinutes: 1_440,
            status: "cancelled",
            closedMinutes: 120
        ),
        // I5 (October): opened before the period, so not counted.
        Obligation(incident: 5, kind: .acknowledge, owner: oldHead, dueMinutes: 60, status: "open"),
    ]

    /// One attempt of a delivery, as the dispatcher records it, with the receipt its provider
    /// sent later, if any (`delivery_attempts.receipt_status`).
    struct Attempt {
        var kind: String
        var outcome = "delivered"
        var messageID: String?
        var receipt: String?
    }

    struct Delivery {
        var incident: Int
        var recipient: OfficerID
        var status: String
        var attempts: [Attempt] = []
    }

    static let police: OfficerID = "ca-xa-binh-son-anm"
    static let otherDeputy: OfficerID = "pht-th-binh-long"
    static let otherMonitor: OfficerID = "gs-th-binh-long"

    /// Alerts and what became of their deliveries, all in November (D61): the old head got one
    /// of two by e-mail, which sends no receipts; the deputy none. The new head's SMS never
    /// reached the phone, their Zalo message did. The other head's SMS after a retry never
    /// reached the phone, and another has no receipt yet. The police liaison answered a call
    /// after a dead delivery; the other deputy's Zalo message reached them; the other monitor's
    /// SMS has no receipt yet.
    static let deliveries: [Delivery] = [
        Delivery(incident: 0, recipient: oldHead, status: "delivered", attempts: [Attempt(kind: "email")]),
        Delivery(incident: 1, recipient: oldHead, status: "dead"),
        Delivery(incident: 1, recipient: deputy, status: "dead"),
        Delivery(
            incident: 2,
            recipient: newHead,
            status: "delivered",
            attempts: [Attempt(kind: "sms", messageID: "sms-2-new-head", receipt: "failed")]
        ),
        Delivery(
            incident: 2,
            recipient: newHead,
            status: "delivered",
            attempts: [Attempt(kind: "zalo", messageID: "zns-2-new-head", receipt: "delivered")]
        ),
        Delivery(
            incident: 4,
            recipient: otherHead,
            status: "delivered",
            attempts: [
                Attempt(kind: "sms", outcome: "retry"),
                Attempt(kind: "sms", messageID: "sms-4-other-head", receipt: "failed"),
            ]
        ),
        Delivery(
            incident: 4,
            recipient: otherHead,
            status: "delivered",
            attempts: [Attempt(kind: "sms", messageID: "sms-4-other-head-b")]
        ),
        Delivery(incident: 1, recipient: police, status: "dead"),
        Delivery(incident: 1, recipient: police, status: "delivered", attempts: [Attempt(kind: "voice")]),
        Delivery(
            incident: 4,
            recipient: otherDeputy,
            status: "delivered",
            attempts: [Attempt(kind: "zalo", messageID: "zns-4-other-deputy", receipt: "delivered")]
        ),
        Delivery(
            incident: 4,
            recipient: otherMonitor,
            status: "delivered",
            attempts: [Attempt(kind: "sms", messageID: "sms-4-other-monitor")]
        ),
    ]

    /// The shipped directory after the sync: the old head moved to Bình Long as a deputy, a new
    /// head at Bình Sơn.
    static func remapped(_ directory: Directory) -> Directory {
        var officers = directory.officers
        guard let index = officers.firstIndex(where: { $0.id == oldHead }) else { return directory }
        let old = officers[index]
        officers[index].unit = otherSchool
        officers[index].roles = [.deputy]
        officers.append(Officer(id: newHead, name: newHeadName, unit: school, roles: [.head], channels: old.channels))
        return Directory(units: directory.units, officers: officers)
    }

    /// Migrates, syncs the shipped directory a month before the period, writes the history and
    /// syncs the re-mapped directory mid-period.
    static func seed(_ pool: PostgresPool) async throws {
        let directory = try StoreFixture.directory()
        try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
        try await DirectorySync.sync(directory, pool: pool, now: at(days: -31))
        try await DirectorySync.sync(remapped(directory), pool: pool, now: remappedAt)
        try await pool.withConnection { connection in
            for incident in incidents { try await insert(incident, on: connection) }
            for (ordinal, obligation) in obligations.enumerated() {
                try await insert(obligation, ordinal: ordinal, on: connection)
            }
            for delivery in deliveries { try await insert(delivery, on: connection) }
        }
    }

    private static func insert(_ incident: Incident, on connection: PostgresConnection) async throws {
        let status = incident.acknowledgedAt == nil ? "reported" : "acknowledged"
        let acknowledgedBy = incident.acknowledgedAt == nil ? "{}" : "{\(oldHead)}"
        try await connection.query(
            """
            INSERT INTO incidents (id, unit_id, authority_id, commune_id, status, category, severity, platform,
                subjects, urls, summary, dedup_key, reported_at, opened_at, acknowledged_at, acknowledged_by,
                escalation_level, reopen_count, created_at, updated_at)
            VALUES (\(incident.id), \(incident.school), \(authority), 'xa-binh-son', \(status),
                \(incident.category.rawValue), \(incident.severity.rawValue), \(incident.platform.rawValue),
                '{student}', '{}', 'Bài đăng cần xử lý', \(incident.id.uuidString), \(incident.openedAt),
                \(incident.openedAt), \(incident.acknowledgedAt), \(acknowledgedBy)::text[], 0, 0,
                \(incident.openedAt), \(incident.openedAt))
            """
        )
        var events: [(type: String, action: String?, at: Date)] = []
        if let date = incident.takenDownAt { events.append(("action.recorded", "content_removed", date)) }
        if let date = incident.policeNotifiedAt { events.append(("action.recorded", "police_notified", date)) }
        if let date = incident.escalatedAt { events.append(("incident.escalated", nil, date)) }
        for event in events {
            let payload = event.action.map { #"{"data": {"action": "\#($0)"}}"# } ?? #"{"data": {"level": 1}}"#
            try await connection.query(
                """
                INSERT INTO events (event_id, incident_id, applied_incident_id, type, occurred_at, unit_id, source_kind,
                    source_id, payload, topic, "partition", "offset", received_at, outcome)
                VALUES (\(UUID()), \(incident.id), \(incident.id), \(event.type), \(event.at), \(incident.school),
                    'officer', \(oldHead), \(payload)::jsonb, 'watchpost.events', 0, 0, \(event.at), 'applied')
                """
            )
        }
    }

    private static func insert(_ obligation: Obligation, ordinal: Int, on connection: PostgresConnection) async throws {
        let incident = incidents[obligation.incident]
        let opened = incident.openedAt
        let closed = obligation.closedMinutes.map { opened.addingTimeInterval($0 * 60) }
        try await connection.query(
            """
            INSERT INTO obligations (id, incident_id, ordinal, kind, owner_relation, owner_officer_id,
                opened_by_event_id, opened_at, due_at, reminders_at, reason_vi, reason_en, legal_basis, reason_id,
                chain, level, status, closed_at)
            VALUES (\(UUID()), \(incident.id), \(ordinal), \(obligation.kind.rawValue), \(obligation.relation.rawValue),
                \(obligation.owner), \(UUID()), \(opened), \(opened.addingTimeInterval(obligation.dueMinutes * 60)),
                '{}', 'lý do', 'reason', 'Công văn 1790', 'r', 'school', 0, \(obligation.status), \(closed))
            """
        )
    }

    private static func insert(_ delivery: Delivery, on connection: PostgresConnection) async throws {
        let incident = incidents[delivery.incident]
        let alert = UUID()
        let created = incident.openedAt.addingTimeInterval(60)
        try await connection.query(
            """
            INSERT INTO alerts (id, incident_id, recipient, relation, template, reason, created_at)
            VALUES (\(alert), \(incident.id), \(delivery.recipient), 'school_head', 'incident_opened', 'r', \(created))
            """
        )
        let id = UUID()
        try await connection.query(
            """
            INSERT INTO deliveries (id, alert_id, recipient, locale, channels, status, attempts, next_attempt_at, created_at)
            VALUES (\(id), \(alert), \(delivery.recipient), 'vi', '[]'::jsonb, \(delivery.status), 1, \(created),
                \(created))
            """
        )
        for (index, attempt) in delivery.attempts.enumerated() {
            let at = created.addingTimeInterval(Double(index) * 10)
            try await connection.query(
                """
                INSERT INTO delivery_attempts (delivery_id, attempt, channel_index, channel_kind, started_at, finished_at,
                    outcome, provider_message_id, receipt_status, receipt_at)
                VALUES (\(id), \(index + 1), 0, \(attempt.kind), \(at), \(at), \(attempt.outcome), \(attempt.messageID),
                    \(attempt.receipt), \(attempt.receipt == nil ? nil : at.addingTimeInterval(5)))
                """
            )
        }
    }
}

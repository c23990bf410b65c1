import Foundation
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostStore

/// The whole path through the web pages, against a real worker process and the real API: a
/// monitoring officer reports on the form, the principal signs in with the code the worker
/// delivered, sees the obligation on "Việc của tôi", acknowledges with the button, and no
/// reminder follows.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WebEndToEndTests {
    @Test func reportedIncidentReachesThePrincipalWhoseAcknowledgeButtonMeetsItAndNoReminderFollows() async throws {
        try await WebTestStack.with { stack in
            // 1. The monitoring officer of the commune's education office reports through the form.
            let incident = try await WebScenario.reportThroughTheForm(stack, by: WebScenario.monitor)

            // The worker routes it: the principal owes an acknowledgement.
            try await waitUntil("the worker opens the principal's acknowledgement", timeout: .seconds(120)) {
                try await stack.scalar(
                    """
                    SELECT count(*) FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge'
                    AND owner_officer_id = \(WebScenario.principal) AND status = 'open'
                    """,
                    as: Int64.self
                ) == 1
            }

            // 2. The principal signs in with the code the development receiver caught.
            let principal = try await stack.signIn(WebScenario.principal)

            // 3. "Việc của tôi" shows the obligation with its time left, linking to the incident.
            let me = try await principal.get("/me")
            #expect(me.status == 200)
            let mine = WebHTML.text(me.body)
            #expect(mine.contains("Xác nhận đã nhận thông tin"))
            #expect(mine.contains("Còn "))
            #expect(mine.contains("Trường THCS Bình Sơn"))
            #expect(me.body.contains("href=\"/incidents/\(incident.canonicalString)\""))

            // 4. The acknowledge button on the incident page meets it.
            let page = try await principal.get("/incidents/\(incident.canonicalString)")
            #expect(page.status == 200)
            #expect(page.body.contains("action=\"/incidents/\(incident.canonicalString)/acknowledge\""))
            let acknowledged = try await principal.post(
                "/incidents/\(incident.canonicalString)/acknowledge",
                [("csrf", page.csrfToken ?? "")]
            )
            #expect(acknowledged.status == 303)
            #expect(acknowledged.location == "/incidents/\(incident.canonicalString)?done=acknowledged")
            try await waitUntil("the acknowledgement meets the obligation", timeout: .seconds(120)) {
                try await stack.scalar(
                    """
                    SELECT count(*) FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge'
                    AND owner_officer_id = \(WebScenario.principal) AND status = 'met' AND met_by = \(WebScenario.principal)
                    """,
                    as: Int64.self
                ) == 1
            }

            // 5. No reminder is sent afterwards: even with the clock past every reminder and the
            // deadline, the enforcer finds nothing to remind on the met obligation.
            let obligation = try #require(
                try await stack.scalar(
                    """
                    SELECT id FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge'
                    AND owner_officer_id = \(WebScenario.principal)
                    """,
                    as: UUID.self
                )
            )
            let deadlines = DeadlineStore(
                pool: stack.environment.pool,
                directory: stack.directory,
                policy: stack.environment.policy,
                logger: PipelineInProcessWorker.logger
            )
            _ = try await deadlines.sendDueReminders(now: Date().addingTimeInterval(3 * 86_400), limit: 100)
            let reminders = try await stack.scalar(
                """
                SELECT count(*) FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE a.obligation_id = \(obligation) AND a.template = 'obligation.reminder'
                """,
                as: Int64.self
            )
            #expect(reminders == 0)
            let nextReminder = try await stack.scalar(
                "SELECT next_reminder_at FROM obligations WHERE id = \(obligation)",
                as: Date.self
            )
            #expect(nextReminder == nil)
            let after = try await principal.get("/me")
            #expect(!WebHTML.text(after.body).contains("Xác nhận đã nhận thông tin"))
        }
    }
}

/// The people and the report the web tests use, from the shipped sample directory.
enum WebScenario {
    /// The monitoring officer (and desk) of Bình Sơn commune's culture and society office.
    static let monitor = "cv-vhxh-binh-son"
    /// The principal of Trường THCS Bình Sơn.
    static let principal = "ht-thcs-binh-son"
    /// The school.
    static let school = "thcs-binh-son"

    /// Signs `officer` in, fills in the report form for the school and sends it; returns the
    /// incident id the confirmation names.
    static func reportThroughTheForm(_ stack: WebTestStack, by officer: OfficerID) async throws -> UUID {
        let client = try await stack.signIn(officer)
        let form = try await client.get("/report")
        guard form.status == 200, let csrf = form.csrfToken else { throw WebStackFailure.page("GET /report", form) }
        let sent = try await client.post(
            "/report",
            [
                ("csrf", csrf),
                ("school", school),
                ("platform", "facebook"),
                ("urls", "https://www.facebook.com/groups/phuhuynh-binhson/posts/1234567890"),
                ("category", "unverified_information"),
                ("severity", "medium"),
                ("subjects", "teacher"),
                (
                    "summary",
                    "Bài đăng trong nhóm phụ huynh lan truyền thông tin chưa kiểm chứng về lịch thi học kỳ của trường."
                ),
            ]
        )
        guard sent.status == 303, let location = sent.location, location.hasPrefix("/report?sent="),
            let incident = UUID(uuidString: String(location.dropFirst("/report?sent=".count)))
        else { throw WebStackFailure.page("POST /report", sent) }
        return incident
    }
}

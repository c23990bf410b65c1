import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// The workers' weekly and monthly reports: produced once per authority and period however many
/// workers look at once, numbered within the authority's year, and delivered once to each
/// recipient the policy names, through their channels.
@Suite(.timeLimit(.minutes(5)))
struct ScheduledReportTests {
    /// Wednesday 2 December 2026, 09:00 in Vietnam: the week of 23 November and November are due.
    static let now = Date(timeIntervalSince1970: 1_796_176_800)
    /// Five commune offices report on their schools, the Department on every school.
    static let authorities = [
        "so-gddt-quang-ngai", "vhxh-xa-binh-chuong", "vhxh-xa-binh-minh", "vhxh-xa-binh-son", "vhxh-xa-dong-son",
        "vhxh-xa-van-tuong",
    ]

    static func producer(_ pool: PostgresPool, _ worker: Int, directory: Directory? = nil) throws -> ScheduledReports {
        ScheduledReports(
            pool: pool,
            directory: try directory ?? StoreFixture.directory(),
            schedule: try #require(try StoreFixture.policy().reports),
            producedBy: "worker:test:\(worker)",
            logger: StoreTestDatabase.logger
        )
    }

    static func lines(_ pool: PostgresPool, _ query: PostgresQuery) async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.query(query).map { try $0.decode(String.self, at: 0) }
        }
    }

    @Test func threeWorkersAtOnceProduceEachAuthoritysReportsOnceWithOneDeliveryPerRecipient() async throws {
        try await StoreTestDatabase.with { pool in
            let produced = try await withThrowingTaskGroup(of: [ReportRunKey].self) { group in
                for worker in 1...3 {
                    let producer = try Self.producer(pool, worker)
                    group.addTask { try await producer.produceDue(now: Self.now, settle: .seconds(600)) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            // Each report was produced by exactly one of the three.
            #expect(produced.count == 12)
            #expect(Set(produced).count == 12)
            let runs = try await Self.lines(
                pool,
                """
                SELECT cadence || ' ' || authority_id || ' ' || to_char(period_from AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')
                    || ' ' || to_char(period_to AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')
                FROM report_runs ORDER BY cadence, authority_id
                """
            )
            #expect(
                runs
                    == Self.authorities.map { "monthly \($0) 2026-11-01 2026-12-01" }
                    + Self.authorities.map { "weekly \($0) 2026-11-23 2026-11-30" }
            )
            // Numbers are unique within each authority's year: 1 and 2, whichever came first.
            let numbers = try await Self.lines(
                pool,
                """
                SELECT authority_id || ' ' || string_agg(number::text, ',' ORDER BY number)
                FROM report_runs GROUP BY authority_id ORDER BY authority_id
                """
            )
            #expect(numbers == Self.authorities.map { "\($0) 1,2" })
            // Bình Sơn's office: the monthly report to its head and leadership, the Department's
            // leadership, and the commune committee's chair and vice-chair; the weekly to the first two.
            let recipients = try await Self.lines(
                pool,
                """
                SELECT r.cadence || ' ' || string_agg(d.recipient, ',' ORDER BY d.recipient)
                FROM report_runs r JOIN deliveries d ON d.report_run_id = r.id
                WHERE r.authority_id = 'vhxh-xa-binh-son' GROUP BY r.cadence ORDER BY r.cadence
                """
            )
            #expect(
                recipients == [
                    "monthly ct-ubnd-binh-son,pct-ubnd-binh-son,pgd-so-gddt,ptp-vhxh-binh-son,tp-vhxh-binh-son",
                    "weekly ptp-vhxh-binh-son,tp-vhxh-binh-son",
                ]
            )
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM (SELECT 1 FROM deliveries GROUP BY report_run_id, recipient HAVING count(*) > 1) d"
                ) == 0
            )
        }
    }

    @Test func aReportIsProducedAgainOnlyWhenItsNextPeriodHasEnded() async throws {
        try await StoreTestDatabase.with { pool in
            let producer = try Self.producer(pool, 1)
            #expect(try await producer.produceDue(now: Self.now, settle: .seconds(600)).count == 12)
            #expect(
                try await producer.produceDue(now: Self.now.addingTimeInterval(3_600), settle: .seconds(600)).isEmpty
            )
            // Monday 7 December, 00:05: the week has ended but has not settled for ten minutes.
            let monday = Self.now.addingTimeInterval(4 * 86_400 + 15 * 3_600 + 300)
            #expect(try await producer.produceDue(now: monday, settle: .seconds(600)).isEmpty)
            let next = try await producer.produceDue(now: monday.addingTimeInterval(300), settle: .seconds(600))
            #expect(next.count == 6)
            #expect(next.allSatisfy { $0.cadence == .weekly })
            #expect(
                try await Self.lines(
                    pool,
                    "SELECT number_text FROM report_runs WHERE authority_id = 'vhxh-xa-binh-son' ORDER BY number"
                )
                .map { $0.prefix(2) } == ["1/", "2/", "3/"]
            )
            // Watchpost's count is a reference, not the document's number: that stays blank for
            // the clerk's register, and the document is a draft until then.
            let documents = try await Self.lines(
                pool,
                "SELECT html FROM report_runs WHERE authority_id = 'vhxh-xa-binh-son' ORDER BY number"
            )
            #expect(documents.count == 3)
            #expect(documents.allSatisfy { $0.contains("DỰ THẢO") && $0.contains("Số: <span class=\"number-blank\">") })
        }
    }

    @Test func aFreshInstallReportsNoPeriodThatEndedBeforeItsAuthorityJoined() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            // Installed on Tuesday 1 December 2026, 08:00 in Vietnam: November and the week of
            // 23 November ended before it, so nothing is produced for them, however often the
            // workers look.
            let installed = Date(timeIntervalSince1970: 1_796_086_800)
            try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
            try await DirectorySync.sync(try StoreFixture.directory(), pool: pool, now: installed)
            let producer = try Self.producer(pool, 1)
            #expect(try await producer.produceDue(now: Self.now, settle: .seconds(600)).isEmpty)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM report_runs") == 0)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM deliveries") == 0)
            // Monday 7 December, 00:15: the week of 30 November was running at the install, so
            // it is the first report of each authority.
            let monday = Self.now.addingTimeInterval(4 * 86_400 + 15 * 3_600 + 900)
            let first = try await producer.produceDue(now: monday, settle: .seconds(600))
            #expect(first.count == 6)
            #expect(first.allSatisfy { $0.cadence == .weekly && $0.from < installed && $0.to > installed })
        }
    }

    @Test func eachRecipientReceivesTheReportOnceOnTheirChannelWithTheFigures() async throws {
        let now = Date()
        let month = ReportCadence.monthly.lastCompletedPeriod(at: now)
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        let directory = try DeliveryFixture.directory { _ in [Channel(kind: .webhook, address: receiver.url)] }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                // Now, so that the deliveries are due for the dispatcher.
                try await Self.producer(pool, 1, directory: directory).produceDue(now: now, settle: .zero)
                try await deliveryWait("every report delivery to be delivered or dead") {
                    try await StoreTestDatabase.scalar(
                        pool,
                        "SELECT count(*) FROM deliveries WHERE report_run_id IS NOT NULL AND status = 'pending'"
                    ) == 0
                }
            }
            #expect(
                try await Self.lines(
                    pool,
                    "SELECT DISTINCT status || ' ' || coalesce(last_error, '') FROM deliveries WHERE report_run_id IS NOT NULL"
                ) == ["delivered "]
            )
            let delivered = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM deliveries WHERE report_run_id IS NOT NULL AND status = 'delivered'"
            )
            let requests = receiver.requests.filter { $0.template == ClaimedReport.template }
            #expect(delivered > 12)
            #expect(requests.count == delivered)
            #expect(Set(requests.map(\.idempotencyKey)).count == delivered)
            #expect(requests.allSatisfy { $0.isSigned() })
            let monthly = requests.compactMap { request -> [String: Any]? in
                let json = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
                return json?["cadence"] as? String == "monthly"
                    && json?["authority_id"] as? String == "vhxh-xa-binh-son" ? json : nil
            }
            #expect(monthly.count == 5)
            let chair = try #require(monthly.first)
            let subject = try #require(chair["subject"] as? String)
            let period = ReportCadence.monthly.periodName(from: month.from, to: month.to)
            #expect(
                subject.hasPrefix("[Watchpost] Báo cáo \(period) – Phòng Văn hóa - Xã hội xã Bình Sơn (dự thảo, mã ")
            )
            let text = try #require(chair["text"] as? String)
            #expect(text.contains("0 sự việc (kỳ trước 0)"))
            let (from, to) = (ReportScope.localDayText(month.from), ReportScope.localDayText(month.to))
            #expect(text.contains("https://watchpost.example.invalid/overview/report?from=\(from)&to=\(to)"))
            #expect(text.contains("Trường không báo cáo sự việc nào trong kỳ"))
            let figures = try #require(chair["figures"] as? [String: Any])
            let silent = try #require(figures["silentSchools"] as? [[String: Any]])
            #expect(silent.contains { $0["schoolID"] as? String == "thcs-binh-son" })
        }
    }
}

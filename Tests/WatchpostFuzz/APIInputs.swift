/// Request bodies and queries for the API target: valid ones, then damaged.
enum APIInputs {
    private static let eventID = "0b6a4c1e-6a0f-4a7e-9a55-2f1f4b7f0c11"

    /// A body for `route`, built from the route's valid fields and then damaged.
    static func body(route: String, _ random: inout FuzzRandom) -> [UInt8] {
        var members: [FuzzJSON.Member] = []
        switch route.split(separator: "/").last {
        case "actions":
            members = [
                .init("action", .string("removal_requested")), .init("note", .string("Đã yêu cầu gỡ bài")),
                .init("evidence_url", .string("https://www.facebook.com/evidence/1")),
            ]
        case "reopen": members = [.init("reason", .string("Bài đăng xuất hiện lại"))]
        case "escalate": members = [.init("level", .number("2")), .init("note", .string("Cần cấp trên xử lý"))]
        default: members = [.init("note", .string("Đã tiếp nhận"))]
        }
        if random.oneIn(3) {
            members += [
                .init("event_id", .string(eventID)), .init("occurred_at", .string("2026-11-29T10:15:00+07:00")),
            ]
        }
        let valid = FuzzJSON.object(members)
        if random.oneIn(10) { return valid.bytes }
        if random.oneIn(20) { return [] }
        var bytes = JSONMutator.mutate(valid, &random).bytes
        if random.oneIn(3) {
            bytes = ByteMutator.mutate(bytes, other: valid.bytes, maximumSize: APITarget.maximumSize, &random)
        }
        return bytes
    }

    /// A query string of `GET /v1/incidents`, from valid parameters with damage to names and values.
    static func query(_ random: inout FuzzRandom) -> String {
        var parameters: [(String, String)] = [
            ("status", random.pick(["open", "resolved", "acknowledged", "escalated"])),
            ("unit", random.pick(["thcs-binh-son", "th-binh-chau", "pgddt-xuyen-moc"])),
            ("from", random.pick(["2026-11-01", "2026-11-01T00:00:00+07:00", "2026-11-01T00:00:00Z"])),
            ("to", random.pick(["2026-11-30", "2026-12-01T00:00:00.123456+07:00"])),
        ].filter { _ in !random.oneIn(3) }
        for _ in 0..<random.smallCount(4) where !parameters.isEmpty || random.oneIn(2) {
            let index = random.index(parameters.count)
            switch random.index(8) {
            case 0:
                parameters.append(
                    (random.pick(["status", "unit", "page", "", "from", "STATUS"]), hostileValue(&random))
                )
            case 1 where !parameters.isEmpty: parameters[index].1 = hostileValue(&random)
            case 2 where !parameters.isEmpty: parameters[index].0 = hostileValue(&random)
            case 3 where !parameters.isEmpty: parameters.append(parameters[index])
            case 4 where !parameters.isEmpty: parameters.remove(at: index)
            default: parameters.append((hostileValue(&random), hostileValue(&random)))
            }
        }
        var query = parameters.map { "\($0.0)=\($0.1)" }.joined(separator: random.oneIn(8) ? "&&" : "&")
        if random.oneIn(4) {
            let bytes = ByteMutator.mutate(Array(query.utf8), other: [], maximumSize: APITarget.maximumSize, &random)
            query = String(decoding: bytes, as: UTF8.self)
        }
        return query
    }

    private static func hostileValue(_ random: inout FuzzRandom) -> String {
        random.pick(
            [
                "", "=", "%", "%0", "%00", "%ZZ", "%C0%AF", "%ED%A0%80", "%FF%FE", "+", "%2B", "%26status%3Dopen",
                "open%00",
                "2026-02-30", "2026-11-01T25:00:00+07:00", "2026-11-01T00:00:00", "9999-12-31", "0000-01-01",
                "2026-1-1",
                "１２３４-１１-０１", "2026-11-01T00:00:00+24:00", "2026-11-01T00:00:60Z", "1e999", "-1", "null",
                String(repeating: "a", count: 10_000), String(repeating: "%25", count: 2_000),
            ] + HostileText.markup + HostileText.confusables
        )
    }
}

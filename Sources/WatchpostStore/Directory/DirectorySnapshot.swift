import Foundation
import WatchpostCore

/// What the store records about a unit: everything but the line number in `directory.yaml`
/// (moving a unit within the file is not a change).
struct UnitSnapshot: Codable, Hashable, Sendable {
    var id: String
    var kind: String
    var name: String
    var nameEN: String?
    var parent: String?
    var commune: String?
    var police: String?
    var reportsTo: String?
    /// Absent (not null) when the unit names none, so older snapshots compare equal.
    var department: String?
    /// The unit's own `calendar:` settings, one line each (`UnitCalendar.lines`): a change is a
    /// new version in `unit_history`, so an old deadline stays explainable. Absent when none.
    var calendar: [String]?
    /// For an authority: its duty roster, one line a period (`DutyShift.line`). Absent when none.
    var duty: [String]?

    init(_ unit: WatchpostCore.Unit) {
        id = unit.id
        kind = unit.kind.rawValue
        name = unit.name
        nameEN = unit.nameEN
        parent = unit.parent
        commune = unit.commune
        police = unit.police
        reportsTo = unit.reportsTo
        department = unit.department
        calendar = unit.calendar?.lines
        duty = unit.duty.isEmpty ? nil : unit.duty.map(\.line)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, parent, commune, police, department, calendar, duty
        case nameEN = "name_en"
        case reportsTo = "reports_to"
    }
}

/// What the store records about an officer, without the line number.
struct OfficerSnapshot: Codable, Hashable, Sendable {
    var id: String
    var name: String
    var unit: String
    var roles: [String]
    var locale: String
    var channels: [Channel]
    /// The officer's absences, one line each (`Absence.line`); absent when none, so older
    /// snapshots compare equal.
    var absences: [String]?

    init(_ officer: Officer) {
        id = officer.id
        name = officer.name
        unit = officer.unit
        roles = officer.roles.map(\.rawValue)
        locale = officer.locale.rawValue
        channels = officer.channels
        absences = officer.absences.isEmpty ? nil : officer.absences.map(\.line)
    }
}

/// JSON text for `jsonb` parameters: sorted keys, so equal values give equal text.
enum SnapshotJSON {
    static func encode(_ value: some Encodable) throws -> String {
        try encode(value, with: makeEncoder())
    }

    /// Each value's JSON, as `encode` gives it, with one encoder for all of them.
    static func encodeEach<Value: Encodable>(_ values: [Value]) throws -> [String] {
        let encoder = makeEncoder()
        return try values.map { try encode($0, with: encoder) }
    }

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func encode(_ value: some Encodable, with encoder: JSONEncoder) throws -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(code: .corruptRow, message: "cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String, row: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw StoreError(code: .corruptRow, message: "the stored JSON of \(row) does not decode: \(error)")
        }
    }
}

import Foundation
import Yams

extension Directory {
    /// Loads and validates a directory from YAML text; `file` names it in problem messages.
    ///
    /// - Throws: `ConfigError` listing every problem as `file:line: message`.
    public static func load(yaml: String, file: String) throws(ConfigError) -> Directory {
        var reader = ConfigReader(file: file)
        var units: [Unit] = []
        var officers: [Officer] = []
        if let root = reader.compose(yaml), let top = reader.mapping(root, "the directory") {
            reader.rejectUnknownKeys(top, allowed: ["units", "officers"], in: "the directory")
            for node in reader.list(top["units"], "`units`") {
                if let unit = parseUnit(node, &reader) { units.append(unit) }
            }
            for node in reader.list(top["officers"], "`officers`") {
                if let officer = parseOfficer(node, &reader) { officers.append(officer) }
            }
            if top["units"] == nil { reader.report(root, "the directory has no `units`") }
        }
        let directory = Directory(units: units, officers: officers)
        DirectoryValidator.validate(directory, &reader)
        guard reader.problems.isEmpty else {
            throw ConfigError(problems: reader.problems.sorted { $0.line < $1.line })
        }
        return directory
    }

    /// Loads and validates a directory from a file; messages name the file's path.
    ///
    /// - Throws: `ConfigError`, also when the file cannot be read.
    public static func load(contentsOf url: URL) throws(ConfigError) -> Directory {
        try load(yaml: readConfigFile(url), file: url.path)
    }

    private static func parseUnit(_ node: Node, _ reader: inout ConfigReader) -> Unit? {
        guard let map = reader.mapping(node, "a unit") else { return nil }
        let keys = [
            "id", "kind", "name", "name_en", "parent", "commune", "authority", "police", "reports_to", "department",
            "abbreviation", "place", "calendar", "duty",
        ]
        reader.rejectUnknownKeys(map, allowed: keys, in: "a unit")
        guard let id = reader.required(map, "id", in: "a unit"),
            let kindText = reader.required(map, "kind", in: "unit `\(id)`"),
            let name = reader.required(map, "name", in: "unit `\(id)`")
        else { return nil }
        guard let kind = UnitKind(rawValue: kindText) else {
            let known = UnitKind.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(map["kind"], "unit `\(id)`: unknown kind `\(kindText)`; known kinds: \(known)")
            return nil
        }
        var unit = Unit(id: id, kind: kind, name: name, line: map.line)
        unit.nameEN = reader.string(map["name_en"], "`name_en`")
        unit.commune = reader.string(map["commune"], "`commune`")
        unit.police = reader.string(map["police"], "`police`")
        unit.reportsTo = reader.string(map["reports_to"], "`reports_to`")
        unit.department = reader.string(map["department"], "`department`")
        unit.abbreviation = reader.string(map["abbreviation"], "`abbreviation`")
        unit.place = reader.string(map["place"], "`place`")
        unit.calendar = parseCalendar(map["calendar"], unit: id, &reader)
        unit.duty = parseDuty(map["duty"], unit: id, &reader)
        if map["duty"] != nil && kind != .educationAuthority {
            reader.report(map.keyNode("duty"), "unit `\(id)`: only education authorities keep a `duty` roster")
        }
        if kind.isSchool {
            // A school's parent is its supervising authority; one key, so the two cannot disagree.
            if map["parent"] != nil {
                reader.report(map.keyNode("parent"), "school `\(id)`: write its supervising `authority`, not `parent`")
            }
            unit.parent = reader.string(map["authority"], "`authority`")
            if unit.parent == nil { reader.report(map.node, "school `\(id)` is missing `authority`") }
            if unit.commune == nil { reader.report(map.node, "school `\(id)` is missing `commune`") }
        } else {
            unit.parent = reader.string(map["parent"], "`parent`")
            for key in ["authority", "commune"] where map[key] != nil {
                reader.report(map.keyNode(key), "unit `\(id)`: only schools have `\(key)`")
            }
        }
        if map["police"] != nil && kind != .commune {
            reader.report(map.keyNode("police"), "unit `\(id)`: only communes have `police`")
        }
        for key in ["reports_to", "department"] where map[key] != nil && kind != .educationAuthority {
            reader.report(map.keyNode(key), "unit `\(id)`: only education authorities have `\(key)`")
        }
        return unit
    }

    private static func parseOfficer(_ node: Node, _ reader: inout ConfigReader) -> Officer? {
        guard let map = reader.mapping(node, "an officer") else { return nil }
        reader.rejectUnknownKeys(
            map,
            allowed: ["id", "name", "title", "title_en", "unit", "roles", "locale", "channels", "absences"],
            in: "an officer"
        )
        guard let id = reader.required(map, "id", in: "an officer"),
            let name = reader.required(map, "name", in: "officer `\(id)`"),
            let unit = reader.required(map, "unit", in: "officer `\(id)`")
        else { return nil }
        var roles: [OfficerRole] = []
        for roleNode in reader.list(map["roles"], "`roles`") {
            guard let text = reader.string(roleNode, "a role") else { continue }
            if let role = OfficerRole(rawValue: text) {
                roles.append(role)
            } else {
                let known = OfficerRole.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(roleNode, "officer `\(id)`: unknown role `\(text)`; known roles: \(known)")
            }
        }
        if map["roles"] == nil { reader.report(map.node, "officer `\(id)` is missing `roles`") }
        var locale = DisplayLocale.vi
        if let text = reader.string(map["locale"], "`locale`") {
            if let parsed = DisplayLocale(rawValue: text) {
                locale = parsed
            } else {
                reader.report(map["locale"], "officer `\(id)`: unknown locale `\(text)`; use vi or en")
            }
        }
        let channels = parseChannels(map["channels"], officer: id, &reader)
        if channels.isEmpty && map["channels"] == nil {
            reader.report(map.node, "officer `\(id)` has no `channels`: nobody could reach them")
        }
        var officer = Officer(
            id: id,
            name: name,
            unit: unit,
            roles: roles,
            title: reader.string(map["title"], "`title`"),
            titleEN: reader.string(map["title_en"], "`title_en`"),
            locale: locale,
            channels: channels,
            line: map.line
        )
        officer.absences = parseAbsences(map["absences"], officer: id, &reader)
        return officer
    }

    /// Channels are written `- email: x@y`, one kind per line, in order of preference.
    private static func parseChannels(_ node: Node?, officer: OfficerID, _ reader: inout ConfigReader) -> [Channel] {
        var channels: [Channel] = []
        for entry in reader.list(node, "`channels`") {
            guard let map = reader.mapping(entry, "a channel"), map.mapping.count == 1,
                let (key, value) = map.mapping.first
            else {
                reader.report(
                    entry,
                    "officer `\(officer)`: a channel is one line such as `- email: name@example.invalid`"
                )
                continue
            }
            let kindText = key.string ?? ""
            guard let kind = ChannelKind.directorySpellings[kindText] else {
                let known = ["email", "phone", "zalo", "webhook"].joined(separator: ", ")
                reader.report(key, "officer `\(officer)`: unknown channel `\(kindText)`; known channels: \(known)")
                continue
            }
            guard let address = reader.string(value, "the \(kindText) address") else { continue }
            let channel = Channel(kind: kind, address: address)
            if let problem = channel.addressProblem {
                reader.report(value, "officer `\(officer)`: invalid \(kindText) channel: \(problem)")
            } else {
                channels.append(channel)
            }
        }
        return channels
    }
}

/// Reads a configuration file as UTF-8, turning a failure into a `ConfigError`.
func readConfigFile(_ url: URL) throws(ConfigError) -> String {
    do {
        return try String(contentsOf: url, encoding: .utf8)
    } catch {
        throw ConfigError(problems: [
            ConfigProblem(file: url.path, line: 0, message: "cannot read the file: \(error.localizedDescription)")
        ])
    }
}

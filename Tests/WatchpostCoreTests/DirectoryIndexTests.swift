import Testing

@testable import WatchpostCore

/// The directory's (unit, role) index gives what a scan of every officer in file order gives.
@Suite struct DirectoryIndexTests {
    /// Units of every kind wired into a tree, and officers with random (sometimes repeated)
    /// roles in random units, some of them units that do not exist.
    static func randomDirectory(seed: UInt64) -> Directory {
        var random = SplitMix(seed: seed)
        let unitIDs = (0..<12).map { "u\($0)" }
        let units = unitIDs.map { id in
            Unit(
                id: id,
                kind: UnitKind.allCases.randomElement(using: &random)!,
                name: "Đơn vị \(id)",
                parent: Bool.random(using: &random) ? unitIDs.randomElement(using: &random) : nil,
                commune: Bool.random(using: &random) ? unitIDs.randomElement(using: &random) : nil,
                police: Bool.random(using: &random) ? unitIDs.randomElement(using: &random) : nil,
                reportsTo: Bool.random(using: &random) ? unitIDs.randomElement(using: &random) : nil
            )
        }
        let officers = (0..<60).map { number in
            Officer(
                id: "o\(number)",
                name: "Cán bộ \(number)",
                unit: (unitIDs + ["missing"]).randomElement(using: &random)!,
                roles: (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    OfficerRole.allCases.randomElement(using: &random)!
                },
                channels: [Channel(kind: .email, address: "o\(number)@example.invalid")]
            )
        }
        return Directory(units: units, officers: officers)
    }

    @Test(arguments: 0..<40)
    func roleLookupsMatchAScanInFileOrder(seed: UInt64) {
        let directory = Self.randomDirectory(seed: seed)
        for unit in directory.units.map(\.id) + ["missing", "nowhere"] {
            for role in OfficerRole.allCases {
                let scanned = directory.officers.filter { $0.unit == unit && $0.roles.contains(role) }
                #expect(directory.officers(withRole: role, in: unit) == scanned)
            }
        }
    }

    @Test(arguments: 0..<20)
    func equalityFollowsUnitsAndOfficers(seed: UInt64) {
        let directory = Self.randomDirectory(seed: seed)
        #expect(directory == Directory(units: directory.units, officers: directory.officers))
        #expect(directory != Directory(units: directory.units, officers: Array(directory.officers.dropLast())))
        #expect(directory != Directory(units: Array(directory.units.reversed()), officers: directory.officers))
    }

    @Test
    func firstUnitAndOfficerWinWhenIdsRepeat() {
        let first = Unit(id: "a", kind: .commune, name: "first")
        let second = Unit(id: "a", kind: .commune, name: "second")
        let channel = Channel(kind: .email, address: "x@example.invalid")
        let head = Officer(id: "o", name: "first", unit: "a", roles: [.head, .head], channels: [channel])
        let again = Officer(id: "o", name: "second", unit: "a", roles: [.head], channels: [channel])
        let directory = Directory(units: [first, second], officers: [head, again])
        #expect(directory.unit("a")?.name == "first")
        #expect(directory.officer("o")?.name == "first")
        #expect(directory.officers(withRole: .head, in: "a").map(\.name) == ["first", "second"])
    }
}

import Foundation
import Testing

@testable import WatchpostCore

/// An officer is addressed by name and post ("Kính gửi: Đồng chí Trần Văn Khánh, Chủ tịch UBND xã
/// Bình Sơn"), and a unit's documents carry its own abbreviation and place name.
@Suite struct DirectoryTitleTests {
    static let yaml = """
        units:
          - id: tinh
            kind: province
            name: Tỉnh Quảng Ngãi
          - id: ca-tinh
            kind: provincial_police
            name: Công an tỉnh Quảng Ngãi
            parent: tinh
          - id: xa-bs
            kind: commune
            name: Xã Bình Sơn
            parent: tinh
            police: ca-bs
          - id: ca-bs
            kind: commune_police
            name: Công an xã Bình Sơn
            name_en: Bình Sơn Commune Police
            parent: ca-tinh
          - id: ubnd-bs
            kind: peoples_committee
            name: Ủy ban nhân dân xã Bình Sơn
            parent: xa-bs
          - id: vhxh-bs
            kind: education_authority
            name: Phòng Văn hóa - Xã hội xã Bình Sơn
            parent: ubnd-bs
            abbreviation: VHXH
            place: Châu Ổ
          - id: thcs-bs
            kind: lower_secondary
            name: Trường THCS Bình Sơn
            authority: vhxh-bs
            commune: xa-bs
        officers:
          - id: ct
            name: Trần Văn Khánh
            title: Chủ tịch UBND xã Bình Sơn
            title_en: Chair, Bình Sơn Commune People's Committee
            unit: ubnd-bs
            roles: [head]
            channels:
              - email: ct@example.invalid
          - id: pct
            name: Nguyễn Thị Mỹ Duyên
            unit: ubnd-bs
            roles: [deputy]
            channels:
              - email: pct@example.invalid
          - id: ht
            name: Châu Tấn Hiếu
            unit: thcs-bs
            roles: [monitor, head]
            channels:
              - email: ht@example.invalid
          - id: cv
            name: Hồ Thị Hồng Trang
            unit: vhxh-bs
            roles: [authority_desk]
            channels:
              - email: cv@example.invalid
          - id: ca
            name: Lâm Văn Trung
            unit: ca-bs
            roles: [police_liaison]
            channels:
              - email: ca@example.invalid
        """

    static func directory() throws -> Directory { try Directory.load(yaml: yaml, file: "directory.yaml") }

    @Test func aGivenTitleIsUsedInEachLanguage() throws {
        let directory = try Self.directory()
        let chair = try #require(directory.officer("ct"))
        #expect(directory.title(of: chair, locale: .vi) == "Chủ tịch UBND xã Bình Sơn")
        #expect(directory.title(of: chair, locale: .en) == "Chair, Bình Sơn Commune People's Committee")
    }

    @Test(arguments: [
        ("pct", "Phó Chủ tịch Ủy ban nhân dân xã Bình Sơn", "Vice-chair, Ủy ban nhân dân xã Bình Sơn"),
        // The most senior role names the post, whatever order the roles are written in.
        ("ht", "Hiệu trưởng Trường THCS Bình Sơn", "Principal, Trường THCS Bình Sơn"),
        ("ca", "cán bộ Công an xã Bình Sơn", "Police liaison, Bình Sơn Commune Police"),
        (
            "cv", "cán bộ tiếp nhận thông tin, Phòng Văn hóa - Xã hội xã Bình Sơn",
            "Desk officer, Phòng Văn hóa - Xã hội xã Bình Sơn"
        ),
    ])
    func aMissingTitleIsDerivedFromTheRoleAndTheUnit(officer: String, vi: String, en: String) throws {
        let directory = try Self.directory()
        let found = try #require(directory.officer(officer))
        #expect(directory.title(of: found, locale: .vi) == vi)
        #expect(directory.title(of: found, locale: .en) == en)
    }

    @Test func aUnitsPlaceIsItsOwnElseItsCommuneElseTheProvince() throws {
        let directory = try Self.directory()
        #expect(try #require(directory.unit("vhxh-bs")).abbreviation == "VHXH")
        #expect(directory.place(of: try #require(directory.unit("vhxh-bs"))) == "Châu Ổ")
        #expect(directory.place(of: try #require(directory.unit("thcs-bs"))) == "Bình Sơn")
        #expect(directory.place(of: try #require(directory.unit("ubnd-bs"))) == "Bình Sơn")
        #expect(directory.place(of: try #require(directory.unit("tinh"))) == "Quảng Ngãi")
    }

    @Test func theShippedDirectoryAddressesTheBinhSonChairByNameAndPost() throws {
        let (directory, _) = try Fixture.shipped()
        let chairs = directory.officers(withRole: .head, in: "ubnd-xa-binh-son")
        #expect(chairs.map { directory.title(of: $0, locale: .vi) } == ["Chủ tịch UBND xã Bình Sơn"])
        // Every officer has a post to be addressed by, given or derived.
        #expect(directory.officers.allSatisfy { !directory.title(of: $0, locale: .vi).isEmpty })
    }
}

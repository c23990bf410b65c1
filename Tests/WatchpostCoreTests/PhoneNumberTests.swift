import Testing
import WatchpostCore

/// Numbers as gateways write them compare with the directory's; a shared phone finds each of
/// its officers.
@Suite struct PhoneNumberTests {
    @Test(
        arguments: [
            ("0912345678", "0912345678"), ("+84912345678", "0912345678"), ("84912345678", "0912345678"),
            ("+84 912 345 678", "0912345678"), ("0912-345-678", "0912345678"), ("(+84) 912.345.678", "0912345678"),
            ("0084912345678", nil), ("912345678", nil), ("+1 415 555 0100", nil), ("09123456789012", nil), ("", nil),
            ("09123a5678", nil),
        ] as [(String, String?)]
    )
    func nationalForm(text: String, national: String?) {
        #expect(PhoneNumber.national(text) == national)
    }

    @Test func theDirectoryFindsEveryOfficerOfANumberBySMSOrZalo() {
        let unit = "thcs-x"
        let directory = Directory(
            units: [Unit(id: unit, kind: .lowerSecondary, name: "Trường THCS X")],
            officers: [
                Officer(
                    id: "a",
                    name: "A",
                    unit: unit,
                    roles: [.head],
                    channels: [Channel(kind: .sms, address: "0900000016")]
                ),
                Officer(
                    id: "b",
                    name: "B",
                    unit: unit,
                    roles: [.deputy],
                    channels: [Channel(kind: .zalo, address: "+84900000016")]
                ),
                Officer(
                    id: "c",
                    name: "C",
                    unit: unit,
                    roles: [.deputy],
                    channels: [Channel(kind: .email, address: "0900000016@x.vn")]
                ),
            ]
        )
        #expect(directory.officers(withPhone: "84900000016").map(\.id) == ["a", "b"])
        #expect(directory.officers(withPhone: "0900000099").isEmpty)
        #expect(directory.officers(withPhone: "not a number").isEmpty)
    }
}

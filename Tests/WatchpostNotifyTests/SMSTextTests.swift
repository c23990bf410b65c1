import Testing
import WatchpostNotify

struct SMSTextTests {
    @Test(arguments: [
        (String(repeating: "a", count: 160), SMSText.Encoding.gsm7, 1),
        (String(repeating: "a", count: 161), .gsm7, 2),
        (String(repeating: "a", count: 306), .gsm7, 2),
        (String(repeating: "a", count: 307), .gsm7, 3),
        (String(repeating: "€", count: 80), .gsm7, 1),
        (String(repeating: "€", count: 81), .gsm7, 2),
        (String(repeating: "ă", count: 70), .ucs2, 1),
        (String(repeating: "ă", count: 71), .ucs2, 2),
        (String(repeating: "ă", count: 134), .ucs2, 2),
        (String(repeating: "ă", count: 135), .ucs2, 3),
        ("", .gsm7, 1),
        ("Price: 5€ {ok} @home", .gsm7, 1),
        ("back`tick", .ucs2, 1),
        ("Trường THCS Bình Sơn", .ucs2, 1),
    ])
    func encodingAndSegmentsAtTheBoundaries(text: String, encoding: SMSText.Encoding, segments: Int) {
        #expect(SMSText.encoding(of: text) == encoding)
        #expect(SMSText.segmentCount(text) == segments)
    }

    @Test func extensionCharacterIsNeverSplitAcrossSegments() {
        // 152 septets then "€" (2 septets) would straddle the 153-septet segment boundary.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 10)
        #expect(SMSText.segmentCount(text) == 2)
        #expect(
            SMSText.segmentCount(String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)) == 3
        )
    }

    @Test(arguments: [
        ("Trường THCS Bình Sơn: bạo lực học đường", "Truong THCS Binh Son: bao luc hoc duong"),
        ("ĐÀ NẴNG – “Đồng Khởi”…", "DA NANG - \"Dong Khoi\"..."),
        ("Ủy ban nhân dân xã Bình Đông", "Uy ban nhan dan xa Binh Dong"),
    ])
    func unaccentedFallbackIsExact(text: String, expected: String) {
        #expect(SMSText.unaccented(text) == expected)
        #expect(SMSText.encoding(of: SMSText.unaccented(text)) == .gsm7)
    }

    @Test func fitKeepsATextThatFits() {
        let fitted = SMSText.fit("Trường THCS Bình Sơn", maxSegments: 1, allowUnaccentedFallback: true)
        #expect(
            fitted
                == .init(
                    text: "Trường THCS Bình Sơn",
                    encoding: .ucs2,
                    segments: 1,
                    isUnaccented: false,
                    isTruncated: false
                )
        )
    }

    @Test func fitUnaccentsWhenThatMakesItFit() {
        let text = String(repeating: "Bạo lực học đường. ", count: 5)  // 95 characters: 2 UCS-2 segments
        let fitted = SMSText.fit(text, maxSegments: 1, allowUnaccentedFallback: true)
        #expect(fitted.text == String(repeating: "Bao luc hoc duong. ", count: 5))
        #expect(fitted.encoding == .gsm7 && fitted.segments == 1 && fitted.isUnaccented && !fitted.isTruncated)
    }

    @Test func fitTruncatesWithAnEllipsisInTheRightAlphabet() {
        let gsm = SMSText.fit(String(repeating: "a", count: 200), maxSegments: 1, allowUnaccentedFallback: true)
        #expect(gsm.text == String(repeating: "a", count: 157) + "...")
        #expect(gsm.encoding == .gsm7 && gsm.segments == 1 && gsm.isTruncated && !gsm.isUnaccented)

        let ucs2 = SMSText.fit(String(repeating: "ă", count: 100), maxSegments: 1, allowUnaccentedFallback: false)
        #expect(ucs2.text == String(repeating: "ă", count: 69) + "…")
        #expect(ucs2.encoding == .ucs2 && ucs2.segments == 1 && ucs2.isTruncated)
    }

    @Test func fitNeverCutsAGraphemeCluster() {
        let thumbs = String(repeating: "👍🏽", count: 40)  // 4 UTF-16 units per cluster
        let fitted = SMSText.fit(thumbs, maxSegments: 1, allowUnaccentedFallback: false)
        #expect(fitted.text == String(repeating: "👍🏽", count: 17) + "…")
        #expect(fitted.segments == 1)
    }

    @Test func fitBudgetBelowOneMeansOne() {
        #expect(
            SMSText.fit(String(repeating: "a", count: 300), maxSegments: 0, allowUnaccentedFallback: true).segments == 1
        )
    }
}

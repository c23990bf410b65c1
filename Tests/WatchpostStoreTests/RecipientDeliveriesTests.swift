import Testing
import WatchpostStore

/// Who the period report lists among the officers alerts did not reach, and when it calls one
/// unreachable (D61): a receipt, or a channel that sends none, is what tells a reached officer.
struct RecipientDeliveriesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var dead = 0
        var delivered = 0
        var confirmed = 0
        var undelivered = 0
        var unconfirmed = 0
        var listed: Bool
        var unreachable: Bool
        var testDescription: String { what }
    }

    static let cases: [Case] = [
        Case(what: "every delivery confirmed", delivered: 3, confirmed: 3, listed: false, unreachable: false),
        Case(what: "e-mails accepted, no receipts offered", delivered: 2, listed: false, unreachable: false),
        Case(what: "only dead deliveries", dead: 2, listed: true, unreachable: true),
        Case(what: "a dead one and an accepted e-mail", dead: 1, delivered: 1, listed: true, unreachable: false),
        Case(
            what: "the network gave up on the only SMS",
            delivered: 1,
            undelivered: 1,
            listed: true,
            unreachable: true
        ),
        Case(
            what: "one SMS failed, one confirmed",
            delivered: 2,
            confirmed: 1,
            undelivered: 1,
            listed: true,
            unreachable: false
        ),
        Case(
            what: "a dead one and SMS with no receipt yet",
            dead: 1,
            delivered: 2,
            unconfirmed: 2,
            listed: true,
            unreachable: true
        ),
        Case(what: "only SMS with no receipt yet", delivered: 2, unconfirmed: 2, listed: true, unreachable: false),
        Case(
            what: "a receipt missing beside a confirmed one",
            delivered: 2,
            confirmed: 1,
            unconfirmed: 1,
            listed: false,
            unreachable: false
        ),
    ]

    @Test(arguments: cases)
    func anOfficerIsListedWhenSomethingFailedOrNothingIsKnownToHaveReachedThem(_ item: Case) {
        let figures = PeriodReport.RecipientDeliveries(
            officerID: "ht",
            officerName: nil,
            dead: item.dead,
            delivered: item.delivered,
            confirmed: item.confirmed,
            undelivered: item.undelivered,
            unconfirmed: item.unconfirmed
        )
        #expect(figures.isListed == item.listed)
        #expect(figures.unreachable == item.unreachable)
    }
}

import Foundation
import Logging
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// Makes one attempt of one claimed delivery: renders the message for the channel at its
/// index (an alert, a sealed sign-in message it opens, or a report), sends it, and asks the
/// `DeliveryPlan` what the delivery becomes. Performs no database I/O and never waits for a
/// concurrency slot: the dispatcher holds the channel kind's slot (`SendSlots`) before it
/// claims, and records the result.
struct DeliveryAttempter: Sendable {
    let directory: Directory
    let channels: [ChannelKind: any DeliveryChannel]
    let renderer: AlertRenderer
    let plan: DeliveryPlan
    let devTargets: DevDeliveryTargets?
    /// Opens sign-in messages; `nil` when the worker has no `WATCHPOST_LINK_SECRET`.
    let signInSeal: SignInMessageSeal?

    /// The attempt's result; throws only `CancellationError` (the claim then lapses and another
    /// attempt is made after the lease).
    func attempt(_ claimed: ClaimedDelivery) async throws -> DeliveryAttemptResult {
        let startedAt = Date()
        let channelCount = devTargets == nil ? claimed.channels.count : 1
        let index = min(max(0, claimed.channelIndex), max(0, channelCount - 1))
        var label =
            devTargets?.label
            ?? (claimed.channels.indices.contains(index) ? claimed.channels[index].kind.rawValue : "none")
        let outcome: DeliveryPlan.Outcome
        var providerMessageID: String?
        do {
            let write = try writer(for: claimed, now: startedAt)
            if let devTargets {
                try await send(write, devTargets)
            } else {
                guard claimed.channels.indices.contains(index) else {
                    throw DeliveryError(.configuration, channel: .console, message: "the recipient has no channel")
                }
                let kind = claimed.channels[index].kind
                label = kind.rawValue
                guard let channel = channels[kind] else {
                    throw DeliveryError(
                        .configuration,
                        channel: kind,
                        message: "no \(kind.rawValue) channel is configured"
                    )
                }
                let receipt = try await channel.send(write(kind), to: claimed.channels[index].address)
                providerMessageID = receipt.serverMessageID
            }
            outcome = .delivered
        } catch let error as DeliveryError {
            outcome = .failed(error: error.description, retriable: error.isRetriable, retryAfter: error.retryAfter)
        } catch let error as Unsendable {
            // No channel can carry a message that cannot be written: give up at once.
            return result(claimed, index, label, startedAt, .dead(error: error.reason))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            outcome = .failed(error: "\(error)", retriable: true)
        }
        if Task.isCancelled { throw CancellationError() }
        let step = plan.next(
            after: outcome,
            at: DeliveryPlan.Position(
                attempt: claimed.attempt,
                channelIndex: index,
                channelFailures: claimed.channelFailures,
                channelCount: max(1, channelCount)
            )
        )
        var recorded = result(claimed, index, label, startedAt, step)
        // Kept so the provider's delivery receipt (Zalo's `user_received_message`) finds it.
        recorded.providerMessageID = providerMessageID
        return recorded
    }

    /// Why a claimed delivery can never be sent: its alert cannot be written, or its sealed
    /// message does not open or has expired.
    private struct Unsendable: Error {
        var reason: String
    }

    /// Writes the claimed delivery's message for a channel kind.
    private func writer(for claimed: ClaimedDelivery, now: Date) throws(Unsendable)
        -> @Sendable (ChannelKind) -> OutboundMessage
    {
        let key = claimed.id.uuidString.lowercased()
        switch claimed.content {
        case .alert(let alert):
            let context: AlertContext
            do {
                context = try self.context(for: alert, of: claimed, now: now)
            } catch {
                throw Unsendable(reason: "cannot render: \(error)")
            }
            return { [renderer] kind in renderer.render(context, for: kind) }
        case .grouped(let members):
            var items: [AlertContext] = []
            do {
                for member in members {
                    guard case .alert(let alert) = member.content else { continue }
                    items.append(try self.context(for: alert, of: member, now: now))
                }
            } catch {
                throw Unsendable(reason: "cannot render: \(error)")
            }
            let grouped = GroupedAlertContext(items: items, idempotencyKey: key, now: now)
            return { [renderer] kind in renderer.render(grouped, for: kind) }
        case .sealedSignIn(let sealed):
            guard let signInSeal else {
                throw Unsendable(reason: "cannot open a sign-in message: this worker has no WATCHPOST_LINK_SECRET")
            }
            let message: SignInMessage
            do {
                message = try signInSeal.open(sealed, deliveryID: claimed.id)
            } catch {
                throw Unsendable(reason: "cannot open a sign-in message: \(error)")
            }
            // A code that arrives after it expired only confuses; the officer asks again.
            guard now < message.expiresAt else {
                throw Unsendable(reason: "the sign-in message expired before it could be delivered")
            }
            let locale = claimed.locale
            return { kind in message.render(for: kind, locale: locale, idempotencyKey: key) }
        case .report(let report):
            let (locale, base, segments) = (claimed.locale, renderer.signer.baseURL, renderer.smsMaxSegments)
            return { kind in
                report.message(
                    for: kind,
                    locale: locale,
                    publicURL: base,
                    idempotencyKey: key,
                    smsMaxSegments: segments
                )
            }
        }
    }

    private func context(for claimed: ClaimedAlert, of delivery: ClaimedDelivery, now: Date) throws(AlertContextError)
        -> AlertContext
    {
        let template = claimed.alert.template
        let tellsWhoKnows =
            template == .obligationReminder || template == .obligationEscalated || template == .obligationMissed
            || template == .incidentEscalated
        return try AlertContext(
            alert: claimed.alert,
            incident: claimed.incident,
            directory: directory,
            alsoTold: tellsWhoKnows
                ? NotifiedParty.from(
                    alerts: claimed.incidentAlerts,
                    directory: directory,
                    excluding: delivery.recipient
                )
                : [],
            missedDeadline: claimed.missedDeadline,
            locale: delivery.locale,
            idempotencyKey: delivery.id.uuidString.lowercased(),
            now: now
        )
    }

    /// The result of `claimed` as recorded on each delivery it covers: itself, or each member of
    /// a grouped message with its own attempt number and, when the message died, its own
    /// notice to the authority desk.
    func memberResults(of result: DeliveryAttemptResult, for claimed: ClaimedDelivery) -> [DeliveryAttemptResult] {
        guard case .grouped(let members) = claimed.content else { return [result] }
        return members.map { member in
            var own = result
            own.deliveryID = member.id
            own.attempt = member.attempt
            if case .dead = result.outcome {
                let notice = DeliveryFailureNotice.alerts(for: member, directory: directory, now: result.finishedAt)
                own.outcome = .dead(notify: notice.alerts, deliveries: notice.deliveries)
            }
            return own
        }
    }

    /// Sends to every development target in order; the first failure fails the attempt.
    private func send(
        _ write: (ChannelKind) -> OutboundMessage,
        _ targets: DevDeliveryTargets
    ) async throws {
        for target in targets.targets {
            guard let channel = channels[target.kind] else {
                throw DeliveryError(
                    .configuration,
                    channel: target.kind,
                    message: "no \(target.kind.rawValue) channel"
                )
            }
            _ = try await channel.send(write(target.kind), to: target.address)
        }
    }

    private func result(
        _ claimed: ClaimedDelivery,
        _ index: Int,
        _ label: String,
        _ startedAt: Date,
        _ step: DeliveryPlan.Step
    ) -> DeliveryAttemptResult {
        let finishedAt = Date()
        let outcome: DeliveryAttemptResult.Outcome
        let error: String?
        switch step {
        case .delivered:
            (outcome, error) = (.delivered, nil)
        case .retry(let next, let delay, _, let message):
            let at = finishedAt.addingTimeInterval(DeadlineDuration.seconds(delay))
            (outcome, error) = (.retry(nextAttemptAt: at, channelIndex: next), message)
        case .dead(let message):
            let notice = DeliveryFailureNotice.alerts(for: claimed, directory: directory, now: finishedAt)
            (outcome, error) = (.dead(notify: notice.alerts, deliveries: notice.deliveries), message)
        }
        return DeliveryAttemptResult(
            deliveryID: claimed.id,
            attempt: claimed.attempt,
            channelIndex: index,
            channelKind: label,
            startedAt: startedAt,
            finishedAt: finishedAt,
            outcome: outcome,
            error: error
        )
    }
}

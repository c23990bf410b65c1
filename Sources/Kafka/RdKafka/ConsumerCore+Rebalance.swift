import CRdKafka

extension ConsumerCore {
    /// Applies a group rebalance: commit what the caller marked, forget revoked partitions and
    /// their fetched messages, then hand the assignment back to librdkafka.
    func rebalance(_ err: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let rk = handle.pointer
        let partitions = list.map { RdKafkaTopicPartitionList.entries(of: $0).map(\.topicPartition) } ?? []
        let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            let paused = locked.withLock { locked in
                locked.state.assign(partitions)
                return locked.state.paused
            }
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, list) {
                    logger.error("\(KafkaError(consuming: error, context: "assign \(partitions)"))")
                }
            } else {
                report(rd_kafka_assign(rk, list), "assign \(partitions)")
            }
            if paused, let list {
                report(rd_kafka_pause_partitions(rk, list), "pause \(partitions)")
            }
            logger.info("assigned \(partitions)")
            eventSink.yield(.assigned(partitions))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(rk) != 0
            commitLock.withLock { _ in
                // A lost assignment belongs to others already: committing would overwrite them.
                if !lost {
                    do {
                        _ = try commitMarkedHoldingCommitLock(in: Set(partitions))
                    } catch {
                        logger.warning("commit before revocation failed, messages will be delivered again: \(error)")
                    }
                }
                locked.withLock { $0.state.revoke(partitions) }
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(rk, list) {
                    logger.error("\(KafkaError(consuming: error, context: "unassign \(partitions)"))")
                }
            } else {
                report(rd_kafka_assign(rk, nil), "unassign \(partitions)")
            }
            logger.info("revoked \(partitions)\(lost ? " (lost)" : "")")
            eventSink.yield(.revoked(partitions))
        default:
            let error = KafkaError(err, context: "rebalance")
            logger.error("\(error)")
            let held = locked.withLock { locked in
                let held = locked.state.assignment
                locked.state.revoke(held)
                return held
            }
            report(rd_kafka_assign(rk, nil), "unassign after failed rebalance")
            eventSink.yield(.error(error))
            if !held.isEmpty { eventSink.yield(.revoked(Array(held))) }
        }
    }

    private func report(_ err: rd_kafka_resp_err_t, _ context: String) {
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.error("\(KafkaError(err, context: context))")
        }
    }
}

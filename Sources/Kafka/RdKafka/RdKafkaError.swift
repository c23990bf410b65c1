import CRdKafka

extension KafkaError {
    /// Builds an error from a librdkafka response code. `context` says what was being done
    /// ("send to topic x"), `detail` is librdkafka's own text when it gave one.
    init(_ err: rd_kafka_resp_err_t, context: String, detail: String? = nil) {
        let name = String(cString: rd_kafka_err2name(err))
        let text = detail ?? String(cString: rd_kafka_err2str(err))
        let (code, retriable) = Self.classify(err)
        self.init(
            code: code,
            message: "\(context): \(text)",
            isRetriable: retriable,
            rdKafkaCode: err.rawValue,
            rdKafkaName: name
        )
    }

    /// Builds an error from an `rd_kafka_error_t` (and destroys it), which carries
    /// librdkafka's own retriable flag.
    init(consuming error: OpaquePointer, context: String) {
        let err = rd_kafka_error_code(error)
        let detail = String(cString: rd_kafka_error_string(error))
        let retriable = rd_kafka_error_is_retriable(error) != 0
        let fatal = rd_kafka_error_is_fatal(error) != 0
        rd_kafka_error_destroy(error)
        self.init(err, context: context, detail: detail)
        if fatal { code = .fatal }
        isRetriable = isRetriable || retriable
    }

    /// Maps librdkafka codes to a kind, and says whether the failure is transient.
    private static func classify(_ err: rd_kafka_resp_err_t) -> (Code, Bool) {
        switch err {
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
            return (.messageTimedOut, true)
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
            RD_KAFKA_RESP_ERR__RESOLVE, RD_KAFKA_RESP_ERR__TIMED_OUT,
            RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
            RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
            RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
            return (.unavailable, true)
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return (.queueFull, true)
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
            RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
            return (.unknownTopicOrPartition, false)
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
            return (.topicAlreadyExists, false)
        case RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR__SSL,
            RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
            return (.authentication, false)
        case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID,
            RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST,
            RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID:
            return (.rebalance, true)
        case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE, RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
            return (.offsetReset, false)
        case RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
            return (.purged, false)
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
            return (.messageTooLarge, false)
        case RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS,
            RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
            return (.invalidArgument, false)
        case RD_KAFKA_RESP_ERR__FATAL:
            return (.fatal, false)
        case RD_KAFKA_RESP_ERR__DESTROY:
            return (.closed, false)
        default:
            return (.other, false)
        }
    }
}

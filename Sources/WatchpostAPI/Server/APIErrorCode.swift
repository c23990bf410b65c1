/// The stable, machine-readable code of an `APIError`: the `error` field of every JSON error,
/// listed in `/openapi.yaml` (`Error.error`). A client may branch on it; the messages may change.
public enum APIErrorCode: String, Sendable, CaseIterable, Codable {
    /// `already_acknowledged`.
    case alreadyAcknowledged = "already_acknowledged"
    /// `already_merged`.
    case alreadyMerged = "already_merged"
    /// `absence_overlaps`.
    case absenceOverlaps = "absence_overlaps"
    /// `body_too_large`.
    case bodyTooLarge = "body_too_large"
    /// `broker_unavailable`.
    case brokerUnavailable = "broker_unavailable"
    /// `cross_origin`.
    case crossOrigin = "cross_origin"
    /// `csrf_mismatch`.
    case csrfMismatch = "csrf_mismatch"
    /// `csrf_missing`.
    case csrfMissing = "csrf_missing"
    /// `database_unavailable`.
    case databaseUnavailable = "database_unavailable"
    /// `escalation_reason_reserved`.
    case escalationReasonReserved = "escalation_reason_reserved"
    /// `event_id_reused`.
    case eventIdReused = "event_id_reused"
    /// `forbidden_merge`.
    case forbiddenMerge = "forbidden_merge"
    /// `forbidden_relation`.
    case forbiddenRelation = "forbidden_relation"
    /// `forbidden_incident`.
    case forbiddenIncident = "forbidden_incident"
    /// `forbidden_declaration`.
    case forbiddenDeclaration = "forbidden_declaration"
    /// `forbidden_unit`.
    case forbiddenUnit = "forbidden_unit"
    /// `form_too_large`.
    case formTooLarge = "form_too_large"
    /// `incident_merged`.
    case incidentMerged = "incident_merged"
    /// `incident_not_found`.
    case incidentNotFound = "incident_not_found"
    /// `incident_resolved`.
    case incidentResolved = "incident_resolved"
    /// `internal`.
    case `internal`
    /// `invalid_body`.
    case invalidBody = "invalid_body"
    /// `invalid_event`.
    case invalidEvent = "invalid_event"
    /// `invalid_incident_id`.
    case invalidIncidentId = "invalid_incident_id"
    /// `invalid_query`.
    case invalidQuery = "invalid_query"
    /// `link_acknowledge_only`.
    case linkAcknowledgeOnly = "link_acknowledge_only"
    /// `link_before_reopen`.
    case linkBeforeReopen = "link_before_reopen"
    /// `link_expired`.
    case linkExpired = "link_expired"
    /// `link_key_unusable`.
    case linkKeyUnusable = "link_key_unusable"
    /// `link_malformed`.
    case linkMalformed = "link_malformed"
    /// `link_officer_unknown`.
    case linkOfficerUnknown = "link_officer_unknown"
    /// `link_other_incident`.
    case linkOtherIncident = "link_other_incident"
    /// `link_tampered`.
    case linkTampered = "link_tampered"
    /// `link_used`.
    case linkUsed = "link_used"
    /// `merge_has_duplicates`.
    case mergeHasDuplicates = "merge_has_duplicates"
    /// `merge_into_itself`.
    case mergeIntoItself = "merge_into_itself"
    /// `merge_target_merged`.
    case mergeTargetMerged = "merge_target_merged"
    /// `merge_target_resolved`.
    case mergeTargetResolved = "merge_target_resolved"
    /// `message_unknown`.
    case messageUnknown = "message_unknown"
    /// `not_a_monitor`.
    case notAMonitor = "not_a_monitor"
    /// `not_merged`.
    case notMerged = "not_merged"
    /// `not_found`.
    case notFound = "not_found"
    /// `officer_only`.
    case officerOnly = "officer_only"
    /// `officers_only`.
    case officersOnly = "officers_only"
    /// `operations_only`.
    case operationsOnly = "operations_only"
    /// `origin_missing`.
    case originMissing = "origin_missing"
    /// `overview_authority_only`.
    case overviewAuthorityOnly = "overview_authority_only"
    /// `period_report_not_allowed`.
    case periodReportNotAllowed = "period_report_not_allowed"
    /// `role_cannot_act`.
    case roleCannotAct = "role_cannot_act"
    /// `role_cannot_report`.
    case roleCannotReport = "role_cannot_report"
    /// `scope_missing`.
    case scopeMissing = "scope_missing"
    /// `sign_in_seal_failed`.
    case signInSealFailed = "sign_in_seal_failed"
    /// `source_mismatch`.
    case sourceMismatch = "source_mismatch"
    /// `token_expired`.
    case tokenExpired = "token_expired"
    /// `token_malformed`.
    case tokenMalformed = "token_malformed"
    /// `token_owner_unknown`.
    case tokenOwnerUnknown = "token_owner_unknown"
    /// `token_revoked`.
    case tokenRevoked = "token_revoked"
    /// `token_unknown`.
    case tokenUnknown = "token_unknown"
    /// `too_large`.
    case tooLarge = "too_large"
    /// `unauthenticated`.
    case unauthenticated
    /// `unsupported_media_type`.
    case unsupportedMediaType = "unsupported_media_type"
    /// `zalo_signature_invalid`.
    case zaloSignatureInvalid = "zalo_signature_invalid"
}

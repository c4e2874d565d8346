/// A finding of the compliance check (符合性审查, SPEC §5).
public struct Problem: Sendable, Equatable, Hashable {
    public enum Severity: String, Sendable { case error, warning }

    public let code: Code
    /// The dossier field the problem is about, as a dotted path (`applicant.credit_code`),
    /// or nil when it concerns the whole file.
    public let field: String?
    public let message: String
    /// 1-based line in the YAML file, when known.
    public let line: Int?

    public init(_ code: Code, field: String? = nil, _ message: String, line: Int? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.line = line
    }

    public var severity: Severity { code.severity }

    /// `line N: message`, or the message alone.
    public var located: String { (line.map { "line \($0): " } ?? "") + message }

    /// The codes of SPEC §5, spelled exactly as the contract does.
    public enum Code: String, Sendable, CaseIterable {
        case parse = "E-PARSE"
        case field = "E-FIELD"
        case range = "E-RANGE"
        case duplicateID = "E-DUP-ID"
        case creditCode = "E-CREDIT-CODE"
        case notGuangdong = "E-NOT-GD"
        case notLegalPerson = "E-NOT-LEGAL-PERSON"
        case attestation = "E-ATTESTATION"
        case focus = "E-FOCUS"
        case atLeastOne = "E-AT-LEAST-ONE"
        case duplicateLead = "E-DUP-LEAD"
        case quota = "E-QUOTA"
        case late = "W-LATE"
        case length = "W-LENGTH"
        case regionCode = "W-REGION-CODE"
        case missing = "W-MISSING"
        case claim = "W-CLAIM"
        case evidence = "W-EVIDENCE"

        public var severity: Severity { rawValue.hasPrefix("E-") ? .error : .warning }
    }
}

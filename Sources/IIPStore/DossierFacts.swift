import Foundation
import GRDB
import IIPCore

/// The facts of the stored dossiers that ranking and score checking read often, kept in
/// tables when the dossiers are stored (they never change afterwards: a changed file is
/// flagged, not re-imported).
enum KeptFacts {
    /// Records the stored dossiers' errors and unit names: from `loaded` when the caller has
    /// just parsed them (a workspace being made), else by parsing the stored texts once.
    static func record(_ db: Database, loaded given: [LoadedDossier]? = nil) throws {
        try db.execute(sql: "DELETE FROM dossier_error")
        try db.execute(sql: "DELETE FROM dossier_party")
        let stored = try Row.fetchAll(db, sql: "SELECT id, file, source FROM dossier ORDER BY id")
        guard !stored.isEmpty else { return }
        let catalog = try Rubric.builtIn.get().catalog
        let loaded = given ?? stored.map { row in
            DossierLoader(catalog: catalog).load(data: Data((row["source"] as String).utf8), file: row["file"])
        }
        var reports: [String: ComplianceReport] = [:]
        for report in ComplianceCheck.run(loaded, catalog: catalog, checkEvidence: false) {
            if let id = report.id, reports[id] == nil { reports[id] = report }
        }
        let addError = try db.cachedStatement(sql: "INSERT INTO dossier_error (dossier, code, message) VALUES (?, ?, ?)")
        let addParty = try db.cachedStatement(sql: "INSERT INTO dossier_party (dossier, role, name) VALUES (?, ?, ?)")
        for row in stored {
            let id: String = row["id"]
            guard let report = reports[id], let dossier = report.dossier else {
                try addError.execute(arguments: [id, Problem.Code.parse.rawValue, "the stored dossier cannot be read"])
                continue
            }
            for problem in report.errors { try addError.execute(arguments: [id, problem.code.rawValue, problem.message]) }
            try addParty.execute(arguments: [id, "applicant", dossier.applicant.name ?? ""])
            for partner in dossier.partners { try addParty.execute(arguments: [id, "partner", partner.name ?? ""]) }
        }
    }
}

extension Workspace {
    /// Each stored dossier's compliance errors, from the kept record.
    public func storedErrors() throws -> [String: [Problem]] {
        try read { db in
            var errors: [String: [Problem]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT dossier, code, message FROM dossier_error") {
                guard let code = Problem.Code(rawValue: row["code"]) else { continue }
                errors[row["dossier"], default: []].append(Problem(code, row["message"]))
            }
            return errors
        }
    }

    /// What score rows are checked against, for every stored dossier, without parsing.
    public func scoreFacts() throws -> [String: DossierFacts] {
        try read { try KeptFacts.facts($0) }
    }
}

extension KeptFacts {
    /// The kept facts of the stored dossiers, or of `only` that one.
    /// The kept facts of the stored dossiers, or of `only` those (a single save needs one).
    static func facts(_ db: Database, only ids: Set<String>? = nil) throws -> [String: DossierFacts] {
        let marks = ids.map { Array(repeating: "?", count: $0.count).joined(separator: ",") } ?? ""
        let arguments = StatementArguments(ids.map { Array($0) } ?? [])
        var applicants: [String: String] = [:]
        var partners: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT dossier, role, name FROM dossier_party" + (ids == nil ? "" : " WHERE dossier IN (\(marks))"),
                                    arguments: arguments) {
            if row["role"] == "applicant" { applicants[row["dossier"]] = row["name"] } else { partners[row["dossier"], default: []].append(row["name"]) }
        }
        var facts: [String: DossierFacts] = [:]
        let dossiers = "SELECT id, type FROM dossier" + (ids == nil ? "" : " WHERE id IN (\(marks))")
        for row in try Row.fetchAll(db, sql: dossiers, arguments: arguments) {
            let id: String = row["id"]
            guard let type = PlatformType(rawValue: row["type"]) else { continue }
            facts[id] = DossierFacts(type: type, applicant: applicants[id] ?? "", partners: partners[id] ?? [])
        }
        return facts
    }
}

/// A stored dossier as a list shows it before any dossier is parsed: from what was kept
/// when the dossiers were stored.
public struct DossierListing: Sendable {
    public let id: String
    public let type: PlatformType
    public let platform: String
    public let applicant: String
    public let partners: [String]
    /// Its compliance errors as kept (overrides not applied).
    public let errors: Int

    public init(id: String, type: PlatformType, platform: String, applicant: String, partners: [String], errors: Int) {
        self.id = id
        self.type = type
        self.platform = platform
        self.applicant = applicant
        self.partners = partners
        self.errors = errors
    }
}

extension Workspace {
    /// Every stored dossier of `standings` (read without parsing, or with) as a list shows
    /// it first, by id.
    public func listing(_ standings: Standings) throws -> [DossierListing] {
        let facts = standings.counting.dossiers
        return standings.dossiers.map { stored in
            let party = facts[stored.id]
            return DossierListing(id: stored.id, type: stored.type, platform: stored.platform, applicant: party?.applicant ?? "",
                                  partners: party?.partners ?? [], errors: standings.reports[stored.id]?.errors.count ?? 1)
        }
    }
}

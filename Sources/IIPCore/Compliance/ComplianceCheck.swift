import Foundation

/// The result of 符合性审查 for one dossier file.
public struct ComplianceReport: Sendable {
    public let file: String
    /// Nil when the file could not be parsed or has no valid id.
    public let id: String?
    public let dossier: Dossier?
    public let problems: [Problem]

    public init(file: String, id: String?, dossier: Dossier?, problems: [Problem]) {
        self.file = file
        self.id = id
        self.dossier = dossier
        self.problems = problems
    }

    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Runs every rule of SPEC §5 over a set of loaded dossiers.
public enum ComplianceCheck {
    public static func run(_ loaded: [LoadedDossier], catalog: IndicatorCatalog, checkEvidence: Bool = true) -> [ComplianceReport] {
        let parsed = loaded.enumerated().compactMap { index, item in item.dossier.map { (index, $0) } }
        let setProblems = SetRules.check(parsed.map(\.1))
        var byLoadedIndex: [Int: [Problem]] = [:]
        for (position, (index, _)) in parsed.enumerated() {
            byLoadedIndex[index] = setProblems[position] ?? []
        }
        return loaded.enumerated().map { index, item in
            guard let dossier = item.dossier else {
                return ComplianceReport(file: item.file, id: nil, dossier: nil, problems: item.problems)
            }
            let folder = checkEvidence ? (item.file as NSString).deletingLastPathComponent : nil
            // A field already reported as unreadable is not reported again as missing.
            let unreadable = Set(item.problems.compactMap(\.field))
            let single = DossierRules.check(dossier, catalog: catalog, folder: folder.map { $0.isEmpty ? "." : $0 })
                .filter { !($0.code == .missing && unreadable.contains($0.field ?? "")) }
            return ComplianceReport(file: item.file, id: dossier.id, dossier: dossier,
                                    problems: item.problems + single + (byLoadedIndex[index] ?? []))
        }
    }
}

import Foundation
import Yams

/// Why an expert may not score a dossier (回避, SPEC §9): typed, so that each language
/// says it in its own words.
public enum Conflict: Sendable, Equatable, CustomStringConvertible {
    /// Listed against the dossier in the panel file or in the expert's own declaration.
    case listed
    /// The expert's affiliation is the applicant or a partner: that unit's name.
    case applicant(String)
    case partner(String)

    public var description: String {
        switch self {
        case .listed: return "listed against it in the panel file or the expert's declaration"
        case let .applicant(unit): return "affiliated with the applicant \(unit)"
        case let .partner(unit): return "affiliated with the partner \(unit)"
        }
    }

    public var chinese: String {
        switch self {
        case .listed: return "专家组名单或本人声明列为回避"
        case let .applicant(unit): return "任职于申报单位 \(unit)"
        case let .partner(unit): return "任职于联合申报单位 \(unit)"
        }
    }
}

/// A member of the expert panel (SPEC §7, the panel file).
public struct Expert: Sendable, Equatable {
    public let id: String
    public let name: String
    public let affiliation: String
    public let stages: [StageID]
    /// Dossiers the panel file says this expert must not score.
    public let conflicts: [String]
    /// The fingerprint of the expert's signing key given in the panel file, if any.
    public let key: KeyFingerprint?

    public init(id: String, name: String, affiliation: String, stages: [StageID], conflicts: [String], key: KeyFingerprint? = nil) {
        self.id = id
        self.name = name
        self.affiliation = affiliation
        self.stages = stages
        self.conflicts = conflicts
        self.key = key
    }

    /// Whether `id` may name an expert: it becomes part of file names (signing keys, locks,
    /// one document per expert), so only letters, digits, '-' and '_', 1–16 of them.
    public static func isValidID(_ id: String) -> Bool {
        (1...16).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }

    /// Why this expert may not score `dossier` (回避), or nil. Names are compared after
    /// trimming and folding full-width letters, digits and brackets to half-width.
    public func conflict(with dossier: Dossier, id: String) -> Conflict? {
        conflict(applicant: dossier.applicant.name ?? "", partners: dossier.partners.compactMap(\.name), id: id)
    }

    /// The same from the facts a workspace keeps, so no dossier need be parsed.
    public func conflict(with facts: DossierFacts, id: String) -> Conflict? {
        conflict(applicant: facts.applicant, partners: facts.partners, id: id)
    }

    /// The same from the names alone.
    public func conflict(applicant: String, partners: [String], id: String) -> Conflict? {
        conflict(with: UnitNames(applicant: applicant, partners: partners), affiliation: Expert.folded(affiliation), id: id)
    }

    /// The same from names folded once: a round asks about every expert and every dossier.
    /// `affiliation` is this expert's, folded.
    func conflict(with names: UnitNames, affiliation folded: String, id: String) -> Conflict? {
        if conflicts.contains(id) { return .listed }
        guard !folded.isEmpty else { return nil }
        if names.applicant == folded { return .applicant(affiliation) }
        if names.partners.contains(folded) { return .partner(affiliation) }
        return nil
    }

    /// A dossier's applicant and partners as conflicts compare them (`folded`).
    struct UnitNames {
        let applicant: String
        let partners: [String]

        init(applicant: String, partners: [String]) {
            self.applicant = Expert.folded(applicant)
            self.partners = partners.map(Expert.folded)
        }
    }

    /// A unit name as compared for conflicts: full-width ASCII (Ａ, （, ）…) as half-width,
    /// no spaces of either width at the ends.
    static func folded(_ name: String) -> String {
        // Most names need nothing done: checked first, as a round folds thousands.
        let scalars = name.unicodeScalars
        let plain = !scalars.contains { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }
            && scalars.first.map(isSpace) != true && scalars.last.map(isSpace) != true
        if plain { return name }
        let half = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0x3000: return " "
            default: return scalar
            }
        }))
        return half.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The characters `trimmingCharacters(in: .whitespacesAndNewlines)` takes off the ends,
    /// listed: asking Unicode's properties costs much more.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

/// The expert panel and its chair.
public struct Panel: Sendable, Equatable {
    public static let format = "iip-panel/1"

    public let chair: String
    public let experts: [Expert]

    public init(chair: String, experts: [Expert]) {
        self.chair = chair
        self.experts = experts
    }

    public func expert(_ id: String) -> Expert? {
        experts.first { $0.id == id }
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let problems: [String]
        public var description: String { problems.map { "\(file): \($0)" }.joined(separator: "\n") }
    }

    public static func load(path: String) throws -> Panel {
        switch BoundedFile.read(path, limit: 1 << 20) {
        case let .failure(failure): throw Invalid(file: path, problems: [failure.message])
        case let .success(data):
            switch UTF8Text.decode(data) {
            case let .failure(invalid): throw Invalid(file: path, problems: [invalid.message])
            case let .success(text): return try parse(text, file: path)
            }
        }
    }

    public static func parse(_ text: String, file: String) throws -> Panel {
        var r = YAMLReader(untrusted: true)
        return try parse(text, file: file, &r)
    }

    /// Every field the loader asks a panel file for (`experts[].name`): what the formats
    /// reference must list.
    static func fieldsRead(_ text: String) -> Set<String> {
        var r = YAMLReader(untrusted: true)
        _ = try? parse(text, file: "", &r)
        return r.fieldsRead
    }

    private static func parse(_ text: String, file: String, _ r: inout YAMLReader) throws -> Panel {
        let root: Node?
        switch YAMLShape.compose(text) {
        case let .failure(refusal): throw Invalid(file: file, problems: [refusal.located])
        case let .success(composed): root = composed
        }
        var problems: [String] = []
        guard let root, case .mapping = root, r.string(root, "format", "format") == format else {
            throw Invalid(file: file, problems: ["not a panel file: it should start with 'format: \(format)'"])
        }
        let chair = r.string(root, "chair", "chair") ?? ""
        var experts: [Expert] = []
        for (index, node) in r.sequence(r.child(root, "experts"), "experts", parent: root, required: true).enumerated() {
            let path = "experts[\(index)]"
            guard let id = r.string(node, "id", path + ".id") else { continue }
            if !Expert.isValidID(id) {
                problems.append("line \(node.mark?.line ?? 0): \(path).id '\(id)' may use only letters, digits, '-' and '_' (1–16)")
            }
            let stageNames = r.child(node, "stages").flatMap { r.strings($0, path + ".stages") } ?? []
            var stages: [StageID] = []
            for name in stageNames {
                if let stage = StageID(rawValue: name) { stages.append(stage) } else {
                    problems.append("line \(node.mark?.line ?? 0): \(path).stages has unknown stage '\(name)' (written, defence, site, test)")
                }
            }
            if stageNames.isEmpty { problems.append("line \(node.mark?.line ?? 0): \(path).stages is missing or empty") }
            let conflicts = r.child(node, "conflicts").flatMap { r.strings($0, path + ".conflicts") } ?? []
            var key: KeyFingerprint?
            if let text = r.string(node, "key", path + ".key", required: false) {
                key = KeyFingerprint(text)
                if key == nil {
                    problems.append("line \(node.mark?.line ?? 0): \(path).key '\(text)' is not a key fingerprint "
                                    + "(ed25519: and 32 hex digits, as 'iipeval key show' prints it)")
                }
            }
            experts.append(Expert(id: id, name: r.string(node, "name", path + ".name") ?? id,
                                  affiliation: r.string(node, "affiliation", path + ".affiliation", required: false) ?? "",
                                  stages: stages, conflicts: conflicts, key: key))
        }
        problems = r.problems.map(\.located) + problems
        let ids = experts.map(\.id)
        for id in Set(ids) where ids.filter({ $0 == id }).count > 1 { problems.append("expert id \(id) is used twice") }
        if !chair.isEmpty, !ids.contains(chair) { problems.append("chair \(chair) is not one of the experts") }
        if experts.isEmpty, problems.isEmpty { problems.append("the panel has no experts") }
        guard problems.isEmpty else { throw Invalid(file: file, problems: problems) }
        return Panel(chair: chair, experts: experts)
    }
}

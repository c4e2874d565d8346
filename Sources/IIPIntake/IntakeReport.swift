import Foundation
import IIPCore

/// What intake made of one file (SPEC §11): every field read, how each derived field was
/// derived, what the form should have held and did not, and every value not understood.
/// Fields are named as in the dossier (`indicators.basic.users.active`, `applicant.contact.mobile`).
public struct IntakeReport: Sendable, Equatable {
    public struct Derived: Sendable, Equatable {
        public let field: String
        public let value: String
        public let source: Derivation
    }

    /// Where a derived field came from: typed, so that each language says it.
    public enum Derivation: Sendable, Equatable {
        case cityInRecommenderName(String)
        case noCityInRecommenderName
        /// The credit code's characters 3–8, the administrative division (44…: Guangdong).
        case creditCodeDivision(String)
        case address
        case nameWithoutBranch
        case branchName
        case deviceRows(connected: Bool, sensorPoints: Bool)
        case dateBesideSeal(DayDate)
        case noDateBesideSeal
        /// The 真实性承诺 says it is not sealed or signed (未盖章).
        case saidUnsealed
        /// A file in the evidence folder that 八 does not list.
        case deliveredNotListed
    }

    /// A value the form holds that intake could not read exactly: left out, never guessed.
    public struct Unclear: Sendable, Equatable {
        public let field: String
        public let label: String
        public let text: String
        public let reason: Reason

        public init(field: String, label: String, text: String, reason: Reason = .notExact) {
            (self.field, self.label, self.text, self.reason) = (field, label, text, reason)
        }
    }

    /// Why a value was not taken: typed, so that each language says it.
    public enum Reason: Sendable, Hashable {
        /// Not an exact number, date or choice (约、余, a range, another unit, two boxes ticked).
        case notExact
        /// The form gives the field twice, with different values (the text lists them).
        case differentValues
        /// Read, but not a value the dossier format allows (the format's own check says why).
        case invalid(String)
        /// A row of a table, or a 联合单位, with values but no name.
        case noName
        /// A second row of a statistics table for the same name, with other values.
        case duplicateRow
        /// A file listed under 八 that is not among the files delivered.
        case fileNotDelivered
        /// A file name under 八 that names no file of the evidence folder (a path, `..`).
        case notAFileName
        /// What stands where the evidence folder should be is a link or a file, not a folder.
        case notAFolder
        /// The evidence folder cannot be read.
        case folderUnreadable(String)
    }

    public let file: String
    public var id: String?
    public var read: [String] = []
    public var derived: [Derived] = []
    public var missing: [String] = []
    public var notUnderstood: [Unclear] = []

    public init(file: String) {
        self.file = file
    }

    /// Every field read, and nothing left unclear.
    public var complete: Bool { missing.isEmpty && notUnderstood.isEmpty }
}

/// The dossier read from a 申报书, with its report.
public struct IntakeResult: Sendable {
    public let dossier: Dossier
    public let report: IntakeReport
    /// The dossier as its YAML file says it (written once, used by every caller).
    public let yaml: String
    /// SHA-256 of the file as received (before any conversion), when read from a file.
    public var sourceSHA256: String?
}

extension FormLabels {
    /// The form's printed label of a field as the report names it, to say where to look:
    /// `indicators.basic.users.active` → 平台活跃用户数（名）（注：…）.
    public func printedLabel(of field: String) -> String {
        if field.hasPrefix("indicators.") { return label(String(field.dropFirst("indicators.".count)), in: "indicators") }
        if let section = sections.first(where: { $0.id == field }) { return section.headings.first ?? field }
        for person in ["applicant.platform_lead", "applicant.contact"] where field.hasPrefix(person + ".") {
            return label(person, in: "people") + " " + label(String(field.dropFirst(person.count + 1)), in: "person")
        }
        if let (index, rest) = DossierFields.partnerField(field) {
            return "\(label("name", in: "partners")) \(index + 1) " + label(rest, in: "partners")
        }
        switch field {
        case "submitted": return label("submitted", in: "cover")
        case "recommender.name": return label("recommender.name", in: "cover")
        case "attestation.date", "attestation.signed": return label("attestation", in: "applicant")
        case "platform.focus": return label("platform.type", in: "platform")
        case "platform.iaas_provider": return label("platform.iaas", in: "platform")
        default: break
        }
        for part in ["applicant", "platform", "cover"] where fields[part]?.contains(where: { $0.field == field }) == true {
            return label(field, in: part)
        }
        return field
    }
}

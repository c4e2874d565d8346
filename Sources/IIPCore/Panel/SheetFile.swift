import Crypto
import Foundation

/// A signed stage sheet (`.iipsheet`, SPEC §7 and §9): one expert's scores and comments of
/// one stage, with the rubric's and every dossier's content hash, the expert's Ed25519
/// public key and a signature over the sheet's canonical encoding.
public struct SheetFile: Sendable, Equatable {
    public static let format = "iip-sheet/1"

    public struct Row: Sendable, Equatable {
        public let dossier: String
        public let item: String
        public let points: Rational?
        public let comment: String

        public init(dossier: String, item: String, points: Rational?, comment: String) {
            self.dossier = dossier
            self.item = item
            self.points = points
            self.comment = comment
        }
    }

    public let expert: String
    public let stage: StageID
    public let signedAt: String
    public let rubricSHA256: String
    /// Dossier id → SHA-256 of the dossier text the expert scored.
    public let dossiers: [String: String]
    public let rows: [Row]
    /// The expert's dissent (不同意见及理由) on the stage; empty when none.
    public let dissent: String
    public let publicKey: Data
    public let signature: Data

    /// Why a sheet file is refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }

        public init(reason: String) {
            self.reason = reason
        }
    }

    /// Signs the content with `key`.
    public static func signed(expert: String, stage: StageID, signedAt: String, rubricSHA256: String,
                              dossiers: [String: String], rows: [Row], dissent: String = "",
                              key: Curve25519.Signing.PrivateKey) throws -> SheetFile {
        let unsigned = unsignedSheet(expert: expert, stage: stage, signedAt: signedAt, rubricSHA256: rubricSHA256, dossiers: dossiers,
                                     rows: rows, dissent: dissent, publicKey: key.publicKey.rawRepresentation)
        let signature = try key.signature(for: Data(unsigned.canonical.utf8))
        return SheetFile(expert: expert, stage: stage, signedAt: signedAt, rubricSHA256: rubricSHA256, dossiers: dossiers,
                         rows: unsigned.rows, dissent: dissent, publicKey: unsigned.publicKey, signature: signature)
    }

    /// The sheet before signing, rows in their canonical order; `publicKey` may be empty
    /// when only `contentSHA256` is wanted.
    public static func unsignedSheet(expert: String, stage: StageID, signedAt: String, rubricSHA256: String,
                                     dossiers: [String: String], rows: [Row], dissent: String, publicKey: Data = Data()) -> SheetFile {
        SheetFile(expert: expert, stage: stage, signedAt: signedAt, rubricSHA256: rubricSHA256, dossiers: dossiers,
                  rows: rows.sorted { ($0.dossier, $0.item) < ($1.dossier, $1.item) }, dissent: dissent, publicKey: publicKey,
                  signature: Data())
    }

    /// Everything but the signature, in one fixed order: what is signed.
    var canonical: String {
        body.text()
    }

    private var body: JSONValue {
        guard case let .object(fields) = content else { return content }
        return .object(fields + [("public_key", .string(publicKey.base64EncodedString()))])
    }

    /// What the expert scored, without key or signature.
    private var content: JSONValue {
        .object([
            ("format", .string(SheetFile.format)),
            ("expert", .string(expert)),
            ("stage", .string(stage.rawValue)),
            ("signed_at", .string(signedAt)),
            ("rubric_sha256", .string(rubricSHA256)),
            ("dossiers", .object(dossiers.keys.sorted().map { ($0, .string(dossiers[$0] ?? "")) })),
            ("scores", .array(rows.map { row in
                .object([("dossier", .string(row.dossier)), ("item", .string(row.item)),
                         ("points", .optionalString(row.points?.description)), ("comment", .string(row.comment))])
            })),
            ("dissent", .string(dissent)),
        ])
    }

    /// The SHA-256 of what the expert scored (the content without key and signature, in
    /// its canonical form): printed on the paper sheet, and the same for the workspace's
    /// copy and for every `.iipsheet` file of it, whoever computes it.
    public var contentSHA256: String { ContentHash.sha256(content.text()) }

    /// The file's text: the canonical body plus the signature.
    public var text: String {
        guard case let .object(fields) = body else { return "" }
        return JSONValue.object(fields + [("signature", .string(signature.base64EncodedString()))]).text(pretty: true) + "\n"
    }

    /// The key's fingerprint as people compare it on paper: 16 hex digits in groups of 4.
    public var fingerprint: String { SheetFile.fingerprint(publicKey) }

    public static func fingerprint(_ publicKey: Data) -> String {
        let hex = ContentHash.sha256(publicKey).prefix(16)
        return stride(from: 0, to: 16, by: 4).map { offset in
            String(hex.dropFirst(offset).prefix(4))
        }.joined(separator: " ")
    }

    /// Reads a sheet file and checks its signature; any change to any byte of its content
    /// makes the signature fail.
    public static func read(_ data: Data) throws -> SheetFile {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Refusal(reason: "not a sheet file (not JSON)")
        }
        func text(_ key: String) throws -> String {
            guard let value = object[key] as? String else { throw Refusal(reason: "not a sheet file: '\(key)' is missing") }
            return value
        }
        guard try text("format") == format else { throw Refusal(reason: "not a sheet file of format \(format)") }
        guard let stage = StageID(rawValue: try text("stage")) else { throw Refusal(reason: "unknown stage") }
        guard let hashes = object["dossiers"] as? [String: String], let rawRows = object["scores"] as? [[String: Any]] else {
            throw Refusal(reason: "not a sheet file: dossiers or scores are malformed")
        }
        var rows: [Row] = []
        for raw in rawRows {
            guard let dossier = raw["dossier"] as? String, let item = raw["item"] as? String, let comment = raw["comment"] as? String else {
                throw Refusal(reason: "not a sheet file: a score row is malformed")
            }
            var points: Rational?
            if let text = raw["points"] as? String {
                guard let value = Rational(decimal: text) else { throw Refusal(reason: "not a sheet file: points '\(text)'") }
                points = value
            }
            rows.append(Row(dossier: dossier, item: item, points: points, comment: comment))
        }
        guard let publicKey = Data(base64Encoded: try text("public_key")), let signature = Data(base64Encoded: try text("signature")) else {
            throw Refusal(reason: "unsigned: the public key or signature is missing or malformed")
        }
        let sheet = SheetFile(expert: try text("expert"), stage: stage, signedAt: try text("signed_at"),
                              rubricSHA256: try text("rubric_sha256"), dossiers: hashes, rows: rows,
                              dissent: try text("dissent"), publicKey: publicKey, signature: signature)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
              key.isValidSignature(signature, for: Data(sheet.canonical.utf8)) else {
            throw Refusal(reason: "tampered: the signature does not match the content")
        }
        return sheet
    }
}

/// The expert's signing key, kept in their user config folder (never in a workspace),
/// created on first use with mode 0600.
public enum ExpertKey {
    /// `$XDG_CONFIG_HOME/iipeval/keys` or `~/.config/iipeval/keys`.
    public static var folder: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/iipeval/keys"
    }

    /// The expert's key on this machine, made on first use.
    public static func load(expert: String) throws -> Curve25519.Signing.PrivateKey {
        if let key = try existing(expert: expert) { return key }
        let path = folder + "/\(expert).ed25519"
        let key = Curve25519.Signing.PrivateKey()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SheetFile.Refusal(reason: "\(folder): cannot create the key folder: \(error.localizedDescription)")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw SheetFile.Refusal(reason: "\(path): cannot create the signing key") }
        let text = key.rawRepresentation.base64EncodedString() + "\n"
        let written = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        guard written == text.utf8.count else { throw SheetFile.Refusal(reason: "\(path): cannot write the signing key") }
        return key
    }

    /// The expert's key on this machine, or nil when there is none (nothing is made).
    public static func existing(expert: String) throws -> Curve25519.Signing.PrivateKey? {
        let path = folder + "/\(expert).ed25519"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw SheetFile.Refusal(reason: "\(path): not a signing key")
        }
        return key
    }
}

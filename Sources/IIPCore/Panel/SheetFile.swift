import Crypto
import Foundation

/// A signed stage sheet (`.iipsheet`, SPEC §7 and §9): one expert's scores and comments of
/// one stage, with the rubric's and every dossier's content hash, the expert's Ed25519
/// public key and a signature over the sheet's canonical encoding.
public struct SheetFile: Sendable, Equatable {
    public static let format = "iip-sheet/1"
    /// No panel signs a stage a million times; a larger number is not a revision.
    public static let largestRevision = 1_000_000

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
    /// Which signing of the stage this is: 1, then one more after each reopen. A sheet is
    /// superseded by one of a higher revision, never by the clock (laptops' clocks differ).
    public let revision: Int
    public let rubricSHA256: String
    /// Dossier id → SHA-256 of the dossier text the expert scored.
    public let dossiers: [String: String]
    public let rows: [Row]
    /// The expert's dissent (不同意见及理由) on the stage; empty when none.
    public let dissent: String
    /// The expert's 复核 of their deviating scores in the stage, by dossier.
    public let rechecks: [Recheck]
    /// The expert's integrity pledge (诚信承诺与回避声明) as it stood when they signed: when,
    /// and the dossiers they declared a conflict with; nil when they had not pledged.
    public let pledge: Pledge?

    public struct Pledge: Sendable, Equatable {
        public let at: String
        public let conflicts: [String]

        public init(at: String, conflicts: [String]) {
            self.at = at
            self.conflicts = conflicts.sorted()
        }
    }
    public let publicKey: Data
    public let signature: Data

    /// Why a sheet file is refused: what kind of fault (typed, for each language to say)
    /// and the details in English.
    public struct Refusal: Error, Sendable, SaysBothLanguages, CustomStringConvertible {
        public enum Kind: String, Sendable, CaseIterable {
            /// Not a sheet file, or one this version cannot read.
            case unreadable
            case unsigned, tampered
            /// Scored with another rubric or other dossiers than this workspace's.
            case mismatched
            /// Signed with a key this workspace does not trust for the expert.
            case unknownKey = "unknown key"
            /// An older or equal revision than one already imported.
            case superseded
            case conflicted
            /// A row the workspace's gate refuses (points, item, panel, comment).
            case invalid
            /// A sheet the expert must complete is incomplete, or the sheet is empty.
            case incomplete
        }

        public let kind: Kind
        public let detail: String
        /// The details in Chinese, for the chair's workbench when it speaks Chinese.
        public let chinese: String

        public init(_ kind: Kind, _ detail: String, chinese: String) {
            self.kind = kind
            self.detail = detail
            self.chinese = chinese
        }

        public var bilingual: Bilingual { Bilingual(detail, chinese: chinese) }

        /// `kind: detail`, as the command line prints it after "refused: ".
        public var reason: String { kind == .unreadable ? detail : "\(kind.rawValue): \(detail)" }
        public var description: String { reason }
    }

    /// This sheet's content signed with `key`.
    public func signed(with key: Curve25519.Signing.PrivateKey) throws -> SheetFile {
        let unsigned = SheetFile(expert: expert, stage: stage, signedAt: signedAt, revision: revision, rubricSHA256: rubricSHA256,
                                 dossiers: dossiers, rows: rows, dissent: dissent, rechecks: rechecks, pledge: pledge,
                                 publicKey: key.publicKey.rawRepresentation,
                                 signature: Data())
        let signature = try key.signature(for: Data(unsigned.canonical.utf8))
        return SheetFile(expert: expert, stage: stage, signedAt: signedAt, revision: revision, rubricSHA256: rubricSHA256,
                         dossiers: dossiers, rows: rows, dissent: dissent, rechecks: rechecks, pledge: pledge, publicKey: unsigned.publicKey,
                         signature: signature)
    }

    /// The sheet before signing, rows in their canonical order (sign it with `signed(with:)`).
    public static func unsignedSheet(expert: String, stage: StageID, signedAt: String, revision: Int, rubricSHA256: String,
                                     dossiers: [String: String], rows: [Row], dissent: String, rechecks: [Recheck] = [],
                                     pledge: Pledge? = nil) -> SheetFile {
        SheetFile(expert: expert, stage: stage, signedAt: signedAt, revision: revision, rubricSHA256: rubricSHA256, dossiers: dossiers,
                  rows: rows.sorted { ($0.dossier, $0.item) < ($1.dossier, $1.item) }, dissent: dissent,
                  rechecks: rechecks.sorted { $0.dossier < $1.dossier }, pledge: pledge, publicKey: Data(), signature: Data())
    }

    /// Everything but the signature, in one fixed order: what is signed.
    var canonical: String {
        body.text()
    }

    private var body: JSONValue {
        guard case let .object(fields) = content else { return content }
        return .object(fields + [("public_key", .string(publicKey.base64EncodedString()))])
    }

    /// What the expert scored, without key or signature. A sheet without 复核 has no
    /// `rechecks` at all, so that sheets signed before it existed keep their hashes.
    private var content: JSONValue {
        .object([
            ("format", .string(SheetFile.format)),
            ("expert", .string(expert)),
            ("stage", .string(stage.rawValue)),
            ("signed_at", .string(signedAt)),
            ("revision", .int(revision)),
            ("rubric_sha256", .string(rubricSHA256)),
            ("dossiers", .object(dossiers.keys.sorted().map { ($0, .string(dossiers[$0] ?? "")) })),
            ("scores", .array(rows.map { row in
                .object([("dossier", .string(row.dossier)), ("item", .string(row.item)),
                         ("points", .optionalString(row.points?.description)), ("comment", .string(row.comment))])
            })),
            ("dissent", .string(dissent)),
        ] + (rechecks.isEmpty ? [] : [("rechecks", .array(rechecks.map { recheck in
            .object([("dossier", .string(recheck.dossier)), ("outcome", .string(recheck.outcome.code)),
                     ("ground", .optionalString(recheck.outcome.ground?.rawValue)), ("reason", .string(recheck.reason)),
                     ("score", .string(recheck.score.fraction)), ("at", .string(recheck.at))])
        }))])
           + (pledge.map { [("pledge", .object([("at", .string($0.at)), ("conflicts", .array($0.conflicts.map { .string($0) }))]))] } ?? []))
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

    /// The fingerprint of the key that signed the sheet.
    public var fingerprint: KeyFingerprint { KeyFingerprint(publicKey: publicKey) }

    /// Reads a sheet file and checks its signature; any change to any byte of its content
    /// makes the signature fail.
    public static func read(_ data: Data) throws -> SheetFile {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Refusal(.unreadable, "not a sheet file (not JSON)", chinese: "不是评分表文件（不是 JSON）")
        }
        func text(_ key: String) throws -> String {
            guard let value = object[key] as? String else { throw Refusal(.unreadable, "not a sheet file: '\(key)' is missing", chinese: "不是评分表文件：缺少“\(key)”") }
            return value
        }
        guard try text("format") == format else { throw Refusal(.unreadable, "not a sheet file of format \(format)", chinese: "不是 \(format) 格式的评分表文件") }
        guard let stage = StageID(rawValue: try text("stage")) else { throw Refusal(.unreadable, "not a sheet file: unknown stage", chinese: "不是评分表文件：评审阶段不明") }
        guard let revision = object["revision"] as? Int, (1...SheetFile.largestRevision).contains(revision) else {
            throw Refusal(.unreadable, "the sheet has no revision number: it was made by an older iipeval; export it again",
                          chinese: "评分表没有版本号：由旧版 iipeval 生成，请重新导出")
        }
        guard let hashes = object["dossiers"] as? [String: String], let rawRows = object["scores"] as? [[String: Any]] else {
            throw Refusal(.unreadable, "not a sheet file: dossiers or scores are malformed", chinese: "不是评分表文件：申报材料或评分的格式不对")
        }
        var rows: [Row] = []
        for raw in rawRows {
            guard let dossier = raw["dossier"] as? String, let item = raw["item"] as? String, let comment = raw["comment"] as? String else {
                throw Refusal(.unreadable, "not a sheet file: a score row is malformed", chinese: "不是评分表文件：有一行评分格式不对")
            }
            var points: Rational?
            if let text = raw["points"] as? String {
                guard let value = Rational(decimal: text) else { throw Refusal(.unreadable, "not a sheet file: points '\(text)'", chinese: "不是评分表文件：分数“\(text)”") }
                points = value
            }
            rows.append(Row(dossier: dossier, item: item, points: points, comment: comment))
        }
        guard let publicKey = Data(base64Encoded: try text("public_key")), let signature = Data(base64Encoded: try text("signature")) else {
            throw Refusal(.unsigned, "the public key or signature is missing or malformed", chinese: "缺少公钥或签名，或格式不对")
        }
        let expert = try text("expert")
        var rechecks: [Recheck] = []
        if let raw = object["rechecks"] {
            guard let list = raw as? [[String: Any]] else { throw Refusal(.unreadable, "not a sheet file: rechecks are malformed", chinese: "不是评分表文件：复核记录格式不对") }
            for entry in list {
                guard let dossier = entry["dossier"] as? String, let code = entry["outcome"] as? String,
                      let outcome = Recheck.Outcome(code: code, ground: entry["ground"] as? String),
                      outcome.ground?.rawValue == entry["ground"] as? String, let reason = entry["reason"] as? String,
                      let scoreText = entry["score"] as? String, let score = Rational(fraction: scoreText), score.fraction == scoreText,
                      let at = entry["at"] as? String else {
                    throw Refusal(.unreadable, "not a sheet file: a recheck is malformed", chinese: "不是评分表文件：有一条复核记录格式不对")
                }
                rechecks.append(Recheck(expert: expert, dossier: dossier, stage: stage, outcome: outcome, reason: reason, score: score, at: at))
            }
        }
        var pledge: Pledge?
        if let raw = object["pledge"] {
            guard let fields = raw as? [String: Any], let at = fields["at"] as? String, let conflicts = fields["conflicts"] as? [String],
                  conflicts == conflicts.sorted() else {
                throw Refusal(.unreadable, "not a sheet file: the pledge is malformed", chinese: "不是评分表文件：诚信承诺记录格式不对")
            }
            pledge = Pledge(at: at, conflicts: conflicts)
        }
        let sheet = SheetFile(expert: expert, stage: stage, signedAt: try text("signed_at"), revision: revision,
                              rubricSHA256: try text("rubric_sha256"), dossiers: hashes, rows: rows,
                              dissent: try text("dissent"), rechecks: rechecks, pledge: pledge, publicKey: publicKey, signature: signature)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
              key.isValidSignature(signature, for: Data(sheet.canonical.utf8)) else {
            throw Refusal(.tampered, "the signature does not match the content", chinese: "签名与内容不符：文件签名后被改动过")
        }
        return sheet
    }
}

/// The expert's signing key, kept in their user config folder (never in a workspace),
/// created on first use with mode 0600 in a folder of mode 0700.
public enum ExpertKey {
    /// `$XDG_CONFIG_HOME/iipeval/keys` or `~/.config/iipeval/keys`.
    public static var folder: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/iipeval/keys"
    }

    /// Where `expert`'s key is kept; the id is checked first, as it becomes a file name.
    public static func path(expert: String) throws -> String {
        guard Expert.isValidID(expert) else {
            throw SheetFile.Refusal(.unreadable, "'\(expert)' is not an expert id (letters, digits, '-' and '_', 1–16)",
                                    chinese: "“\(expert)”不是专家编号（字母、数字、- 和 _，1–16 个）")
        }
        return folder + "/\(expert).ed25519"
    }

    /// The expert's key on this machine, made on first use.
    public static func load(expert: String) throws -> Curve25519.Signing.PrivateKey {
        if let key = try existing(expert: expert) { return key }
        let path = try path(expert: expert)
        let key = Curve25519.Signing.PrivateKey()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            let reason = Bilingual(error)
            throw SheetFile.Refusal(.unreadable, "\(folder): cannot create the key folder: \(reason.english)",
                                    chinese: "\(folder)：无法建立密钥文件夹（\(reason.chinese)）")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = Bilingual.system(errno)
            throw SheetFile.Refusal(.unreadable, "\(path): cannot create the signing key (\(reason.english))",
                                    chinese: "\(path)：无法建立签名密钥（\(reason.chinese)）")
        }
        let text = key.rawRepresentation.base64EncodedString() + "\n"
        let written = text.withCString { write(descriptor, $0, strlen($0)) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == text.utf8.count, synced else {
            unlink(path)
            throw SheetFile.Refusal(.unreadable, "\(path): cannot write the signing key", chinese: "\(path)：无法写入签名密钥")
        }
        return key
    }

    /// The expert's key on this machine, or nil when there is none (nothing is made).
    public static func existing(expert: String) throws -> Curve25519.Signing.PrivateKey? {
        let path = try path(expert: expert)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw SheetFile.Refusal(.unreadable, "\(path): not a signing key", chinese: "\(path)：不是签名密钥")
        }
        return key
    }

    /// A warning when `expert`'s key file (or its folder) can be read by other users of
    /// this machine, who could then sign as the expert; nil when it is private or absent.
    public static func exposure(expert: String) -> Bilingual? {
        guard let path = try? path(expert: expert) else { return nil }
        for (file, isFolder) in [(path, false), (folder, true)] {
            var info = stat()
            guard lstat(file, &info) == 0 else { continue }
            if info.st_mode & 0o077 != 0 {
                let mode = String(info.st_mode & 0o777, radix: 8)
                let fix = isFolder ? "chmod 700" : "chmod 600"
                let what = isFolder ? "the key folder" : "the signing key"
                return Bilingual("warning: \(file): \(what) of \(expert) can be read by other users (mode \(mode)); run '\(fix) \(file)'",
                                 chinese: "警告：\(file)：\(expert) 的\(isFolder ? "密钥文件夹" : "签名密钥")可被本机其他用户读取（权限 \(mode)）；请运行 \(fix) \(file)")
            }
        }
        return nil
    }
}

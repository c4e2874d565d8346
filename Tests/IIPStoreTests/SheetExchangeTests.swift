import Crypto
import Foundation
import TestSupport
import XCTest
@testable import IIPCore
@testable import IIPStore

/// SPEC §9 signed sheets: laptop → chair round trips, and everything that must be refused.
final class SheetExchangeTests: XCTestCase {
    let rubric = try! Rubric.builtIn.get()
    var folder = ""
    let key = Curve25519.Signing.PrivateKey()

    override func setUp() { folder = DossierFixture.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Two workspaces made from the same dossiers: the expert's laptop and the chair's; the
    /// panel file names the expert's key unless `trusting` says otherwise.
    func makeWorkspace(_ name: String, dossierText: String = DossierFixture.yaml(id: "I1"), affiliation: String = "某大学",
                       trusting: KeyFingerprint?? = nil) throws -> Workspace {
        let loader = DossierLoader(catalog: rubric.catalog)
        let loaded = [loader.load(data: Data(dossierText.utf8), file: folder + "/I1.yaml")]
        let trusted = trusting ?? KeyFingerprint(of: key)
        let panel = Panel(chair: "E1", experts: [Expert(id: "E1", name: "甲", affiliation: affiliation, stages: StageID.allCases,
                                                        conflicts: [], key: trusted)])
        return try Workspace.create(folder + "/" + name, dossiers: loaded, panel: panel, panelText: nil, rubric: rubric)
    }

    func scoreAndSign(_ ws: Workspace, _ stage: StageID, percent: Int = 80) throws {
        let scores = rubric.stage(stage)!.items(for: .industry).map {
            ItemScore(expert: "E1", dossier: "I1", stage: stage, item: $0.id,
                      points: ($0.max * Rational(percent) / Rational(100) / rubric.pointsStep).rounded(places: 0) * rubric.pointsStep,
                      comment: "评语\($0.id)")
        }
        try ws.save(scores, actor: "E1")
        try ws.sign(expert: "E1", stage: stage, key: key)
    }

    func transfer(_ sheet: SheetFile, to chair: Workspace) throws -> Workspace.SheetImport {
        let data = Data(sheet.text.utf8)
        return try chair.importSheet(try SheetFile.read(data), file: data)
    }

    func testRoundTripForEveryStageAndReplayIsANoOp() throws {
        let laptop = try makeWorkspace("laptop")
        let chair = try makeWorkspace("chair")
        for stage in StageID.allCases {
            try scoreAndSign(laptop, stage)
            let sheet = try laptop.exportSheet(expert: "E1", stage: stage, key: key)
            XCTAssertEqual(try transfer(sheet, to: chair), .imported(rows: sheet.rows.count))
            XCTAssertEqual(try transfer(sheet, to: chair), .alreadyImported)
        }
        XCTAssertEqual(try chair.scores(), try laptop.scores())
        // The imported sheets' kept totals rank as the items do.
        let fromItems = try chair.standings(parsing: true).evaluations.mapValues { $0.final }
        XCTAssertEqual(try chair.standings(parsing: false).evaluations.mapValues { $0.final }, fromItems)
        XCTAssertNotNil(fromItems.values.compactMap { $0 }.first, "a dossier has a final")
        XCTAssertEqual(Set(try chair.signOffs().map(\.stage)), Set(StageID.allCases))
        XCTAssertTrue(try chair.auditEntries().contains { $0.action == "sheet.import" })
    }

    func testAnyChangedByteOfContentIsRefused() throws {
        let laptop = try makeWorkspace("laptop")
        try scoreAndSign(laptop, .written)
        let text = try laptop.exportSheet(expert: "E1", stage: .written, key: key).text
        let changes: [(String, String)] = [
            ("\"points\": \"12\"", "\"points\": \"12.5\""),
            ("评语basic.device", "评语basic.devicf"),
            ("\"expert\": \"E1\"", "\"expert\": \"E2\""),
        ]
        for (old, new) in changes {
            XCTAssertTrue(text.contains(old), old)
            let tampered = text.replacingOccurrences(of: old, with: new)
            XCTAssertThrowsError(try SheetFile.read(Data(tampered.utf8)), old) { XCTAssertTrue("\($0)".contains("tampered")) }
        }
        // A changed dossier hash or key breaks the signature too.
        let hash = try XCTUnwrap(laptop.dossiers().first?.sha256)
        XCTAssertThrowsError(try SheetFile.read(Data(text.replacingOccurrences(of: hash, with: String(hash.reversed())).utf8)))
        let otherKey = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        let ownKey = key.publicKey.rawRepresentation.base64EncodedString()
        XCTAssertThrowsError(try SheetFile.read(Data(text.replacingOccurrences(of: ownKey, with: otherKey).utf8)))
        XCTAssertThrowsError(try SheetFile.read(Data("{}".utf8)))
        XCTAssertThrowsError(try SheetFile.read(Data(text.replacingOccurrences(of: "\"signature\"", with: "\"sig\"").utf8))) {
            XCTAssertTrue("\($0)".contains("signature") || "\($0)".contains("unsigned"))
        }
    }

    /// "Superseded" by revision, never by the clock: a re-sign within the same second
    /// supersedes; an older revision is refused whatever its time says.
    func testOlderRevisionsAreRefusedWhateverTheClockSays() throws {
        let laptop = try makeWorkspace("laptop")
        let chair = try makeWorkspace("chair")
        try scoreAndSign(laptop, .written)
        let first = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        try laptop.reopen(expert: "E1", stage: .written, reason: "复核", actor: "E1")
        try laptop.sign(expert: "E1", stage: .written, key: key)
        let second = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        XCTAssertEqual([first.revision, second.revision], [1, 2])
        XCTAssertEqual(try transfer(first, to: chair), .imported(rows: first.rows.count))
        XCTAssertEqual(try transfer(second, to: chair), .imported(rows: second.rows.count), "a re-sign in the same second")
        XCTAssertEqual(try transfer(first, to: chair), .alreadyImported, "the very same file again is a no-op")
        let firstSignedLater = try SheetFile.unsignedSheet(expert: "E1", stage: .written, signedAt: "2030-01-01T00:00:00Z", revision: 1,
                                                           rubricSHA256: first.rubricSHA256, dossiers: first.dossiers, rows: first.rows,
                                                           dissent: first.dissent).signed(with: key)
        XCTAssertThrowsError(try transfer(firstSignedLater, to: chair), "a later clock does not make revision 1 newer") {
            XCTAssertEqual(($0 as? SheetFile.Refusal)?.kind, .superseded, "\($0)")
        }
        // A laptop clock set back: revision 3 signed "in 2019" still supersedes revision 2.
        let back = try SheetFile.unsignedSheet(expert: "E1", stage: .written, signedAt: "2019-01-01T00:00:00Z", revision: 3,
                                               rubricSHA256: second.rubricSHA256, dossiers: second.dossiers, rows: second.rows,
                                               dissent: second.dissent).signed(with: key)
        XCTAssertEqual(try transfer(back, to: chair), .imported(rows: back.rows.count))
        XCTAssertEqual(try chair.signOffs().first?.revision, 3)
    }

    /// A workspace where the expert signed again after a reopen does not take back an
    /// older revision of theirs, even one never imported there; a stage signs once until reopened.
    func testAnOlderRevisionNeverReplacesANewerSigningHere() throws {
        let laptop = try makeWorkspace("laptop")
        try scoreAndSign(laptop, .written)
        let first = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        XCTAssertThrowsError(try laptop.sign(expert: "E1", stage: .written, key: key), "signed already") {
            XCTAssertTrue("\($0)".contains("already signed (revision 1)"), "\($0)")
        }
        try laptop.reopen(expert: "E1", stage: .written, reason: "复核", actor: "E1")
        try laptop.sign(expert: "E1", stage: .written, key: key)
        let data = Data(first.text.utf8)
        XCTAssertThrowsError(try laptop.importSheet(try SheetFile.read(data), file: data)) {
            XCTAssertEqual(($0 as? SheetFile.Refusal)?.kind, .superseded, "\($0)")
        }
        XCTAssertEqual(try laptop.signOffs().first?.revision, 2)
        // A revision beyond any real one is no sheet at all.
        let absurd = first.text.replacingOccurrences(of: "\"revision\": 1", with: "\"revision\": 9223372036854775807")
        XCTAssertThrowsError(try SheetFile.read(Data(absurd.utf8))) { XCTAssertEqual(($0 as? SheetFile.Refusal)?.kind, .unreadable) }
    }

    /// SPEC §9: only a key the chair trusts for the expert counts; the first sheet to arrive
    /// does not pin a stranger's key, and the refusal names the fingerprint to compare.
    func testOnlyTheTrustedKeySignsForAnExpert() throws {
        let laptop = try makeWorkspace("laptop")
        try scoreAndSign(laptop, .written)
        let stranger = Curve25519.Signing.PrivateKey()
        let forged = try laptop.exportSheet(expert: "E1", stage: .written, key: key).signedAgain(with: stranger)
        let untrusting = try makeWorkspace("untrusting", trusting: .some(nil))
        XCTAssertThrowsError(try transfer(forged, to: untrusting)) { error in
            XCTAssertEqual((error as? SheetFile.Refusal)?.kind, .unknownKey)
            XCTAssertTrue("\(error)".contains(KeyFingerprint(of: stranger).description), "\(error)")
        }
        XCTAssertEqual(try untrusting.scores(), [], "nothing written, nothing pinned")
        let genuine = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        XCTAssertThrowsError(try transfer(genuine, to: untrusting), "the real key is not trusted either until the chair says so")
        try untrusting.trustKey(expert: "E1", fingerprint: KeyFingerprint(of: key),
                                reason: "与签字承诺书上的指纹一致", actor: "E1")
        XCTAssertEqual(try transfer(genuine, to: untrusting), .imported(rows: genuine.rows.count))
        XCTAssertThrowsError(try transfer(forged, to: untrusting)) { XCTAssertEqual(($0 as? SheetFile.Refusal)?.kind, .unknownKey) }
        XCTAssertTrue(try untrusting.auditEntries().contains { $0.action == "key.trust" && $0.new?.contains("签字承诺书") == true })
        // A lost laptop: the chair trusts the new key, which then replaces the old one.
        let newKey = Curve25519.Signing.PrivateKey()
        try untrusting.trustKey(expert: "E1", fingerprint: KeyFingerprint(of: newKey),
                                reason: "笔记本丢失，更换密钥", actor: "E1")
        let resigned = try SheetFile.unsignedSheet(expert: "E1", stage: .written, signedAt: genuine.signedAt, revision: 2,
                                                   rubricSHA256: genuine.rubricSHA256, dossiers: genuine.dossiers, rows: genuine.rows,
                                                   dissent: genuine.dissent)
        XCTAssertThrowsError(try transfer(try resigned.signed(with: key), to: untrusting), "the old key no longer counts")
        XCTAssertEqual(try transfer(try resigned.signed(with: newKey), to: untrusting), .imported(rows: genuine.rows.count))
    }

    func testMismatchedDossierOrConflictIsRefused() throws {
        let laptop = try makeWorkspace("laptop")
        try scoreAndSign(laptop, .written)
        let sheet = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        let changed = try makeWorkspace("changed", dossierText: DossierFixture.yaml(id: "I1").replacingOccurrences(of: "8000", with: "8001"))
        XCTAssertThrowsError(try transfer(sheet, to: changed)) { XCTAssertTrue("\($0)".contains("differs")) }
        let conflicted = try makeWorkspace("conflicted", affiliation: "测试研究院")
        XCTAssertThrowsError(try transfer(sheet, to: conflicted)) { XCTAssertTrue("\($0)".contains("conflicted")) }
        XCTAssertEqual(try conflicted.scores(), [], "nothing written")
    }

    func testADissentTravelsSignedWithTheSheet() throws {
        let laptop = try makeWorkspace("laptop")
        let chair = try makeWorkspace("chair")
        try laptop.setDissent(expert: "E1", stage: .written, text: "对I1的行业覆盖数据存疑")
        try scoreAndSign(laptop, .written)
        XCTAssertThrowsError(try laptop.setDissent(expert: "E1", stage: .written, text: "改")) { XCTAssertTrue("\($0)".contains("read-only")) }
        let sheet = try laptop.exportSheet(expert: "E1", stage: .written, key: key)
        XCTAssertEqual(sheet.dissent, "对I1的行业覆盖数据存疑")
        let forged = sheet.text.replacingOccurrences(of: "数据存疑", with: "数据可信")
        XCTAssertThrowsError(try SheetFile.read(Data(forged.utf8))) { XCTAssertTrue("\($0)".contains("tampered")) }
        _ = try transfer(sheet, to: chair)
        XCTAssertEqual(try chair.dissent(expert: "E1", stage: .written), "对I1的行业覆盖数据存疑")
        XCTAssertTrue(try laptop.auditEntries().contains { $0.action == "dissent" })
    }

    func testExportNeedsASignedStage() throws {
        let laptop = try makeWorkspace("laptop")
        XCTAssertThrowsError(try laptop.exportSheet(expert: "E1", stage: .written, key: key)) { XCTAssertTrue("\($0)".contains("not signed")) }
    }
}

extension SheetFile {
    /// The same content signed with another key: what a stranger who made a key could send.
    func signedAgain(with key: Curve25519.Signing.PrivateKey) throws -> SheetFile {
        try SheetFile.unsignedSheet(expert: expert, stage: stage, signedAt: signedAt, revision: revision, rubricSHA256: rubricSHA256,
                                    dossiers: dossiers, rows: rows, dissent: dissent).signed(with: key)
    }
}

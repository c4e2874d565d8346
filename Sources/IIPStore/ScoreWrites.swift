import GRDB
import IIPCore

/// An item's saved value as a screen showed it before the expert changed it.
public struct ShownScore: Sendable, Equatable {
    public let points: Rational?
    public let comment: String

    public init(points: Rational?, comment: String) {
        self.points = points
        self.comment = comment
    }

    /// Nothing saved yet.
    public static let nothing = ShownScore(points: nil, comment: "")
}

/// The item was changed elsewhere (another process: a score file, a signed sheet) since it
/// was shown: nothing was saved, so that change is not lost unseen.
public struct ScoreChangedElsewhere: Error, Sendable, Equatable, CustomStringConvertible {
    /// The write that was refused.
    public let score: ItemScore
    /// What the item holds now.
    public let now: ShownScore

    public init(score: ItemScore, now: ShownScore) {
        self.score = score
        self.now = now
    }

    public var description: String {
        "\(score.expert)/\(score.dossier)/\(score.stage.rawValue)/\(score.item) was changed elsewhere since it was shown "
            + "(now \(now.points?.description ?? "no points")); nothing was saved"
    }
}

extension Workspace {
    /// The one gate as the workspace stands inside the caller's transaction: the rubric,
    /// the panel with every declaration, the dossiers' kept facts and the signed sheets —
    /// but `replacing`, the sheet a signed sheet file is about to replace.
    /// With `only`, the gate knows those dossiers alone (a score of any other is refused as unknown).
    static func gate(_ db: Database, rubric: Rubric, replacing: ExpertStage? = nil, only dossiers: Set<String>? = nil) throws -> ScoreGate {
        var signed = try signedSheets(db)
        var rechecking = try Workspace.rechecking(db)
        if let replacing {
            signed.remove(replacing)
            rechecking[replacing] = nil
        }
        return ScoreGate(rubric: rubric, counting: try counting(db, only: dossiers), signed: signed, rechecking: rechecking)
    }

    /// The gate as the workspace stands now.
    func gate() throws -> ScoreGate {
        let rubric = try self.rubric()
        return try read { try Workspace.gate($0, rubric: rubric) }
    }
}

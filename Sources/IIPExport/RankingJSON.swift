import IIPCore
import IIPStore

/// The ranking as `rank --format json` prints it (SPEC §7); the ranking's JSON export is
/// the same with the audit log's head (`audit`: entries and hash), as every document.
public enum RankingJSON {
    /// With `rechecks`, an entry with deviations says where each one's 复核 stands.
    public static func value(_ groups: [RankedGroup], rechecks: [RecheckItem] = [], audit head: AuditHead? = nil) -> JSONValue {
        let rechecksOf = Dictionary(grouping: rechecks, by: \.dossier)
        let audit: [(String, JSONValue)] = head.map { [("audit", .object([("entries", .int($0.entries)), ("head", .string($0.hash))]))] } ?? []
        return .object([("groups", .array(groups.map { group in
            .object([
                ("group", .string(group.group.direction.rawValue)),
                ("cap", .int(group.group.cap)),
                ("entries", .array(group.entries.map { entry in
                    let c = entry.candidate
                    return .object([
                        ("rank", .int(entry.rank)),
                        ("id", .string(c.id)),
                        ("platform", .string(c.platform)),
                        ("type", .string(c.type.rawValue)),
                        ("final", .score(c.final)),
                        ("stages", .object(StageID.allCases.map { ($0.rawValue, .score(c.stages[$0])) })),
                        ("status", .string(entry.status.rawValue)),
                        ("flags", .array(c.flags.map { .string($0.description) })),
                    ] + (rechecksOf[c.id].map { items in
                        [("rechecks", .array(items.map { .object([("expert", .string($0.expert)), ("stage", .string($0.stage.rawValue)),
                                                                  ("state", .string($0.state.rawValue))]) }))]
                    } ?? []))
                })),
            ])
        }))] + audit)
    }

}

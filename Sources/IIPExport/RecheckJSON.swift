import IIPCore

/// The 复核 list as `recheck --format json` prints it, and each ranking entry's part of it.
public enum RecheckJSON {
    public static func value(_ items: [RecheckItem]) -> JSONValue {
        .object([("rechecks", .array(items.map(entry)))])
    }

    static func entry(_ item: RecheckItem) -> JSONValue {
        .object([
            ("expert", .string(item.expert)),
            ("dossier", .string(item.dossier)),
            ("stage", .string(item.stage.rawValue)),
            ("score", .score(item.score)),
            ("panel", .score(item.panel)),
            ("state", .string(item.state.rawValue)),
            ("ground", .optionalString(item.record?.outcome.ground?.rawValue)),
            ("reason", .optionalString(item.record?.reason)),
        ])
    }
}

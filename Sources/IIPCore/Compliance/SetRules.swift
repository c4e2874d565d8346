/// The rules of SPEC §5 that look at the dossiers together: shared ids, one lead unit
/// leading twice in a direction, recommenders over their quota.
public enum SetRules {
    /// Problems by index into `dossiers`.
    public static func check(_ dossiers: [Dossier]) -> [Int: [Problem]] {
        var found: [Int: [Problem]] = [:]
        func add(_ indices: [Int], _ problem: (Int) -> Problem) {
            for index in indices { found[index, default: []].append(problem(index)) }
        }
        for (id, indices) in groups(dossiers, by: { $0.id }) where indices.count > 1 {
            add(indices) { _ in Problem(.duplicateID, field: "id", "id \(id) is used by \(indices.count) dossiers") }
        }
        let leads = groups(dossiers) { d -> String? in
            guard let code = d.applicant.creditCode, let type = d.platform.type else { return nil }
            return CreditCode.normalised(code) + "|" + type.direction.rawValue
        }
        for (key, indices) in leads where indices.count > 1 {
            let code = String(key.prefix { $0 != "|" })
            add(indices) { index in
                let others = indices.filter { $0 != index }.compactMap { dossiers[$0].id }.sorted()
                return Problem(.duplicateLead, field: "applicant.credit_code",
                               "lead unit \(code) also leads \(others.joined(separator: ", ")) in the same direction (每个单位在每个方向只能牵头申报一个平台)")
            }
        }
        for (key, indices) in groups(dossiers, by: quotaKey) {
            let quota = key.hasPrefix("central|") ? 1 : GuangdongCity.quota(of: key)
            guard indices.count > quota else { continue }
            let who = key.hasPrefix("central|") ? "the central unit with lead \(key.dropFirst(8))" : "\(key)"
            add(indices) { _ in
                Problem(.quota, field: "recommender", "\(who) recommends \(indices.count) platforms; its quota is \(quota)")
            }
        }
        return found
    }

    /// City recommenders count per city; a central unit's quota of 1 counts per lead
    /// applicant, since each reports directly.
    static func quotaKey(_ d: Dossier) -> String? {
        switch d.recommender.kind {
        case .city?: return d.recommender.city
        case .central?: return d.applicant.creditCode.map { "central|" + CreditCode.normalised($0) }
        case nil: return nil
        }
    }

    private static func groups(_ dossiers: [Dossier], by key: (Dossier) -> String?) -> [(String, [Int])] {
        var indices: [String: [Int]] = [:]
        for (index, dossier) in dossiers.enumerated() {
            if let k = key(dossier) { indices[k, default: []].append(index) }
        }
        return indices.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

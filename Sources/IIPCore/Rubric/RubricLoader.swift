import Foundation
import Yams

/// Why a rubric was refused: one line per problem, each naming file, line and field.
public struct RubricError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let problems: [String]
    public var description: String { problems.map { "\(file): \($0)" }.joined(separator: "\n") }
}

extension Rubric {
    public static let format = "iip-rubric/1"

    /// The rubric shipped with the program (Resources/rubric.yaml).
    public static let builtIn: Result<Rubric, RubricError> = {
        let text = String(decoding: PackageResources.rubric_yaml, as: UTF8.self)
        return Result { try Rubric.parse(text, file: "built-in rubric.yaml", catalog: nil) }
            .mapError { $0 as? RubricError ?? RubricError(file: "built-in rubric.yaml", problems: ["\($0)"]) }
    }()

    /// Reads a workspace's own rubric; its indicator references are checked against the
    /// built-in catalogue, which is fixed by the dossier format.
    public static func load(path: String) throws -> Rubric {
        let builtIn = try Rubric.builtIn.get()
        let data: Data
        switch BoundedFile.read(path, limit: 1 << 20) {
        case let .failure(failure): throw RubricError(file: path, problems: [failure.message])
        case let .success(read): data = read
        }
        switch UTF8Text.decode(data) {
        case let .failure(invalid): throw RubricError(file: path, problems: [invalid.message])
        case let .success(text): return try parse(text, file: path, catalog: builtIn.catalog)
        }
    }

    /// Every field the loader asks a rubric for (`stages[].sections[].items[].max`): what the
    /// formats reference must list.
    static func fieldsRead(_ text: String) -> Set<String> {
        guard case let .success(root) = YAMLShape.compose(text) else { return [] }
        var parser = RubricParser(file: "", reader: YAMLReader())
        _ = parser.read(root, text: text, fixedCatalog: nil)
        return parser.reader.fieldsRead
    }

    /// Parses and validates rubric YAML. With `catalog` nil the text must define the
    /// catalogue itself; otherwise an `indicators` block, if present, must match it.
    public static func parse(_ text: String, file: String, catalog: IndicatorCatalog?) throws -> Rubric {
        let root: Node?
        switch YAMLShape.compose(text) {
        case let .failure(refusal): throw RubricError(file: file, problems: [refusal.located])
        case let .success(composed): root = composed
        }
        var parser = RubricParser(file: file, reader: YAMLReader())
        let rubric = parser.read(root, text: text, fixedCatalog: catalog)
        let problems = parser.reader.problems.map(\.located) + parser.problems
        guard let rubric, problems.isEmpty else {
            throw RubricError(file: file, problems: problems.isEmpty ? ["not a rubric"] : problems)
        }
        return rubric
    }
}

/// Reads the fields of a rubric and checks that they make a usable scoring scheme.
private struct RubricParser {
    let file: String
    var reader: YAMLReader
    var problems: [String] = []

    mutating func fail(_ message: String, _ node: Node? = nil) {
        problems.append((node?.mark.map { "line \($0.line): " } ?? "") + message)
    }

    mutating func read(_ root: Node?, text: String, fixedCatalog: IndicatorCatalog?) -> Rubric? {
        guard let root, case .mapping = root else {
            fail("not a rubric: the file should be a mapping starting with 'format: \(Rubric.format)'")
            return nil
        }
        guard reader.string(root, "format", "format") == Rubric.format else {
            fail("format should be '\(Rubric.format)'", reader.child(root, "format"))
            return nil
        }
        let title = reader.string(root, "title", "title") ?? ""
        let titleEn = reader.string(root, "title_en", "title_en", required: false) ?? title
        let step = rational(root, "points_step") ?? Rational(1, 2)
        let threshold = rational(root, "threshold") ?? Rational(60)
        let deviation = rational(root, "deviation_pct") ?? Rational(20)
        if step <= .zero { fail("points_step must be above 0") }
        if threshold > Rational(100) { fail("threshold must be between 0 and 100") }
        if deviation <= .zero { fail("deviation_pct must be above 0") }
        let trim = readTrim(root)
        let groups = readGroups(root)
        let catalog = readCatalog(root, fixed: fixedCatalog)
        let stages = readStages(root, step: step, catalog: catalog)
        guard let trim, let groups, let catalog, let stages else { return nil }
        return Rubric(title: title, titleEn: titleEn, pointsStep: step, threshold: threshold, deviationPct: deviation,
                      trim: trim, groups: groups, catalog: catalog, stages: stages, sourceText: text)
    }

    private mutating func rational(_ node: Node?, _ key: String, path: String? = nil) -> Rational? {
        guard let value = reader.number(node, key, path ?? key) else { return nil }
        // Scores stay exact fractions; keeping the rubric's numbers to hundredths and below
        // 10,000 keeps every denominator small, so no sum or mean can overflow.
        guard let exact = Rational(value), (exact * Rational(100)).isInteger, exact.magnitude <= Rational(10_000) else {
            fail("\(path ?? key) is \(value); rubric numbers have at most 2 decimals and stay below 10,000")
            return nil
        }
        return exact
    }

    private mutating func readTrim(_ root: Node) -> TrimRule? {
        guard let node = reader.mapping(reader.child(root, "trim"), "trim", parent: root, required: true) else { return nil }
        func count(_ key: String) -> Int? {
            guard let value = reader.number(node, key, "trim." + key), let int = Int("\(value)") else { return nil }
            return int
        }
        guard let from = count("from_sheets"), let high = count("drop_highest"), let low = count("drop_lowest") else {
            fail("trim needs whole numbers from_sheets, drop_highest and drop_lowest", node)
            return nil
        }
        guard from > high + low else {
            fail("trim.from_sheets must be more than drop_highest + drop_lowest, or no sheet would be left", node)
            return nil
        }
        return TrimRule(fromSheets: from, dropHighest: high, dropLowest: low)
    }

    private mutating func readGroups(_ root: Node) -> [SelectionGroup]? {
        var groups: [SelectionGroup] = []
        for (index, node) in reader.sequence(reader.child(root, "groups"), "groups", parent: root, required: true).enumerated() {
            let path = "groups[\(index)]"
            guard let direction: Direction = reader.choice(node, "id", path + ".id") else { continue }
            let name = reader.string(node, "name", path + ".name") ?? direction.rawValue
            let expected = PlatformType.allCases.filter { $0.direction == direction }.map(\.rawValue).sorted()
            let types = reader.child(node, "types").flatMap { reader.strings($0, path + ".types") } ?? []
            if types.sorted() != expected {
                fail("\(path).types for \(direction.rawValue) must be [\(expected.joined(separator: ", "))]", node)
            }
            guard let cap = reader.number(node, "cap", path + ".cap"), let int = Int("\(cap)"), int >= 1 else {
                fail("\(path).cap must be a whole number of at least 1", node)
                continue
            }
            groups.append(SelectionGroup(direction: direction, name: name,
                                         nameEn: reader.string(node, "name_en", path + ".name_en", required: false) ?? name, cap: int))
        }
        let directions = groups.map(\.direction.rawValue).sorted()
        if directions != Direction.allCases.map(\.rawValue).sorted() {
            fail("groups must define 'cross' and 'specific' once each")
            return nil
        }
        return groups
    }

    private mutating func readCatalog(_ root: Node, fixed: IndicatorCatalog?) -> IndicatorCatalog? {
        let nodes = reader.sequence(reader.child(root, "indicators"), "indicators", parent: root, required: fixed == nil)
        if nodes.isEmpty, let fixed { return fixed }
        var specs: [IndicatorSpec] = []
        for (index, node) in nodes.enumerated() {
            let path = "indicators[\(index)]"
            guard let id = reader.string(node, "id", path + ".id"), let type: IndicatorType = reader.choice(node, "type", path + ".type") else { continue }
            var values: [(String, String)] = []
            if type == .set {
                let pairs = reader.pairs(reader.child(node, "values"), path + ".values")
                if pairs.isEmpty { fail("\(path) (\(id)) is a set but lists no values", node) }
                for (value, label) in pairs {
                    if case let .scalar(scalar) = label { values.append((value, scalar.string)) }
                }
            }
            let name = reader.string(node, "name", path + ".name") ?? id
            specs.append(IndicatorSpec(id: id, name: name,
                                       nameEn: reader.string(node, "name_en", path + ".name_en", required: false) ?? name,
                                       type: type, unit: reader.string(node, "unit", path + ".unit", required: false),
                                       note: reader.string(node, "note", path + ".note", required: false), values: values))
        }
        if Set(specs.map(\.id)).count != specs.count { fail("an indicator id is listed twice") }
        if let fixed, fixed.specs != specs {
            fail("indicators differ from the dossier format's; they cannot be changed — remove the 'indicators' block")
            return nil
        }
        return IndicatorCatalog(specs)
    }

    private mutating func readStages(_ root: Node, step: Rational, catalog: IndicatorCatalog?) -> [RubricStage]? {
        var stages: [RubricStage] = []
        var seenItems: Set<String> = []
        var indicatorOwner: [String: String] = [:]
        for (index, node) in reader.sequence(reader.child(root, "stages"), "stages", parent: root, required: true).enumerated() {
            let path = "stages[\(index)]"
            guard let id: StageID = reader.choice(node, "id", path + ".id") else { continue }
            let name = reader.string(node, "name", path + ".name") ?? id.rawValue
            guard let weight = rational(node, "weight", path: path + ".weight") else { continue }
            var sections: [RubricSection] = []
            for (sIndex, sNode) in reader.sequence(reader.child(node, "sections"), path + ".sections", parent: node, required: true).enumerated() {
                let sPath = "\(path).sections[\(sIndex)]"
                guard let sectionID = reader.string(sNode, "id", sPath + ".id") else { continue }
                var items: [RubricItem] = []
                for (iIndex, iNode) in reader.sequence(reader.child(sNode, "items"), sPath + ".items", parent: sNode, required: true).enumerated() {
                    let iPath = "\(sPath).items[\(iIndex)]"
                    guard let itemID = reader.string(iNode, "id", iPath + ".id") else { continue }
                    if !seenItems.insert(itemID).inserted { fail("item \(itemID) appears twice", iNode) }
                    // An item id names a score in files, the audit log (`expert/dossier/stage/item`) and documents.
                    if !itemID.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0)
                        || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) || itemID.utf8.count > 64 {
                        fail("item id '\(itemID)' may use only letters, digits, '.', '_' and '-' (at most 64)", iNode)
                    }
                    guard reader.child(iNode, "max") != nil else {
                        fail("item \(itemID) has no max", iNode)
                        continue
                    }
                    guard let max = rational(iNode, "max", path: iPath + ".max") else { continue }
                    if max <= .zero || max > Rational(1000) || !max.isMultiple(of: step) {
                        fail("item \(itemID): max \(max) must be above 0, at most 1000 and a multiple of points_step \(step)", iNode)
                    }
                    let indicators = reader.child(iNode, "indicators").flatMap { reader.strings($0, iPath + ".indicators") } ?? []
                    for indicator in indicators {
                        if catalog?[indicator] == nil { fail("item \(itemID) refers to unknown indicator id '\(indicator)'", iNode) }
                        if let owner = indicatorOwner.updateValue(itemID, forKey: indicator) {
                            fail("indicator \(indicator) belongs to both \(owner) and \(itemID)", iNode)
                        }
                    }
                    let itemName = reader.string(iNode, "name", iPath + ".name") ?? itemID
                    let requirement = reader.string(iNode, "requirement", iPath + ".requirement", required: false) ?? ""
                    items.append(RubricItem(id: itemID, name: itemName,
                                            nameEn: reader.string(iNode, "name_en", iPath + ".name_en", required: false) ?? itemName,
                                            max: max, indicators: indicators, requirement: requirement,
                                            requirementEn: reader.string(iNode, "requirement_en", iPath + ".requirement_en", required: false) ?? requirement))
                }
                let sectionName = reader.string(sNode, "name", sPath + ".name") ?? sectionID
                sections.append(RubricSection(id: sectionID, name: sectionName,
                                              nameEn: reader.string(sNode, "name_en", sPath + ".name_en", required: false) ?? sectionName,
                                              items: items))
            }
            let weights = readSectionWeights(node, path: path, sections: sections)
            stages.append(RubricStage(id: id, name: name, nameEn: reader.string(node, "name_en", path + ".name_en", required: false) ?? name,
                                      weight: weight, sectionWeights: weights, sections: sections))
        }
        checkTotals(stages)
        return problems.isEmpty ? stages : nil
    }

    private mutating func readSectionWeights(_ stage: Node, path: String, sections: [RubricSection]) -> [PlatformType: [String: Rational]]? {
        guard let node = reader.child(stage, "section_weights") else { return nil }
        var weights: [PlatformType: [String: Rational]] = [:]
        for (typeName, row) in reader.pairs(node, path + ".section_weights") {
            guard let type = PlatformType(rawValue: typeName) else {
                fail("\(path).section_weights: unknown platform type '\(typeName)'", row)
                continue
            }
            var byType: [String: Rational] = [:]
            for (sectionID, _) in reader.pairs(row, "\(path).section_weights.\(typeName)") {
                guard sections.contains(where: { $0.id == sectionID }) else {
                    fail("\(path).section_weights.\(typeName) names unknown section '\(sectionID)'", row)
                    continue
                }
                byType[sectionID] = rational(row, sectionID, path: "\(path).section_weights.\(typeName).\(sectionID)")
            }
            let sum = byType.values.reduce(.zero, +)
            if sum != Rational(100) { fail("section weights for \(typeName) sum to \(sum), not 100", row) }
            weights[type] = byType
        }
        for type in PlatformType.allCases where weights[type] == nil {
            fail("\(path).section_weights has no weights for platform type '\(type.rawValue)'", node)
        }
        return weights
    }

    /// Section totals of a weighted stage, and the items of a plain stage, must come to 100,
    /// so that every stage score lies between 0 and 100; the stage weights must too.
    private mutating func checkTotals(_ stages: [RubricStage]) {
        let ids = stages.map(\.id)
        if ids.sorted() != StageID.allCases { fail("stages must be written, defence, site and test, once each") }
        let weightSum = stages.reduce(Rational.zero) { $0 + $1.weight }
        if weightSum != Rational(100) { fail("stage weights sum to \(weightSum), not 100") }
        for stage in stages {
            if stage.sectionWeights != nil {
                for section in stage.sections where section.total != Rational(100) {
                    fail("section \(section.id) of stage \(stage.id.rawValue): item maxima sum to \(section.total), not 100")
                }
            } else {
                let total = stage.sections.reduce(Rational.zero) { $0 + $1.total }
                if total != Rational(100) { fail("stage \(stage.id.rawValue): item maxima sum to \(total), not 100") }
            }
        }
    }
}

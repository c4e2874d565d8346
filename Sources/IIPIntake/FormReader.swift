import Foundation
import IIPCore

/// What intake made of one file: every field read, where each derived one came from, what
/// the form should have given and did not, and what was written that could not be read
/// exactly (left out, never guessed).
/// Reads the form's fields by their printed labels wherever the cells sit (SPEC §11): the
/// document is walked as lines — paragraphs, and table rows with merged cells filled in —
/// and each part of the form is recognised by its heading.
struct FormReader {
    private let labels: FormLabels
    private let catalog: IndicatorCatalog
    private var dossier = Dossier()
    private var report: IntakeReport
    /// Normalised label → field, per part of the form.
    private let index: [String: [String: String]]
    private let headings: [String: String]
    /// `part|field` → the units its values may carry.
    private let unitsByField: [String: Set<String>]

    private var section = "cover"
    /// Which person the person rows of the applicant table are about.
    private var person: String?
    /// Check-box cells, gathered per field (a field's options may take several rows).
    private var optionCells: [String: [String]] = [:]
    private var attestationText: String?
    /// Each field's value as first given (compared, and as written), and the other values
    /// written for it elsewhere on the form.
    private var given: [String: (value: String, raw: String)] = [:]
    private var conflicts: [String: [String]] = [:]
    /// How many headings and labels of the form were found: none, and it is not a 申报书.
    private(set) var labelsFound = 0
    private var coverPlatformLead: String?
    private var narrative: [String: [String]] = [:]
    /// A statistics or evidence table being read: its part and the field of each column.
    private var records: (part: String, table: Int, columns: [Int: String])?
    /// A people table laid sideways: 姓名, 职务, … as column heads, one row per person.
    private var personColumns: (table: Int, columns: [Int: String])?
    private var evidenceRows: [(title: String?, file: String?)] = []
    /// The statistics rows taken, by table and name: a second row for the same name is not.
    private var recordRows: [String: Breakdowns] = [:]
    private var evidenceText: [String] = []
    /// The folder the applicant delivered evidence in, and the folder evidence is named from.
    private let evidenceFolder: String?
    private let base: String
    /// Longer than any label with its notes, in UTF-8 bytes: such a cell is a value.
    static let longestLabel = 1200

    init(file: String, labels: FormLabels, catalog: IndicatorCatalog, evidenceFolder: String?, base: String) {
        self.labels = labels
        self.catalog = catalog
        self.evidenceFolder = evidenceFolder
        self.base = base
        report = IntakeReport(file: file)
        var index: [String: [String: String]] = [:]
        for (part, fields) in labels.fields {
            var byLabel: [String: String] = [:]
            for (field, names) in fields {
                for name in names where byLabel[FormLabels.normalised(name)] == nil { byLabel[FormLabels.normalised(name)] = field }
            }
            index[part] = byLabel
        }
        self.index = index
        var headings: [String: String] = [:]
        for section in labels.sections {
            for heading in section.headings { headings[FormLabels.normalised(heading)] = section.id }
        }
        self.headings = headings
        // Each field's units, worked out once from its labels (every number cell asks).
        var units: [String: Set<String>] = [:]
        for (part, fields) in labels.fields {
            for (field, _) in fields { units[part + "|" + field] = FormReader.units(field, in: part, labels: labels) }
        }
        unitsByField = units
    }

    // MARK: - Reading

    mutating func read(_ document: WordDocument) -> (Dossier, IntakeReport) {
        for line in FormLines.lines(of: document) { take(line) }
        finish()
        return (dossier, report)
    }

    private mutating func take(_ line: FormLines.Line) {
        let texts = line.cells.map(FormValues.trimmed)
        let nonEmpty = texts.filter { !$0.isEmpty }
        if nonEmpty.isEmpty {
            if section.hasPrefix("narrative."), !line.isTable { narrative[section, default: []].append("") }
            return
        }
        // A heading starts a part of the form: alone on its line, or a table's merged header row.
        // Each cell compared as a label once; a long text (a paragraph of narrative) is none.
        let labels = texts.map { $0.utf8.count > FormReader.longestLabel ? "" : FormLabels.normalised($0) }
        if Set(nonEmpty).count == 1, let id = headings[labels.first { !$0.isEmpty } ?? ""] {
            labelsFound += 1
            section = id
            person = nil
            records = nil
            return
        }
        if let header = recordHeader(labels) {
            records = (header.part, line.table ?? -1, header.columns)
            return
        }
        if let table = records, table.table == line.table {
            record(texts, table.part, table.columns)
            return
        }
        records = nil
        if let header = personHeader(labels), let table = line.table {
            personColumns = (table, header)
            return
        }
        if let table = personColumns, table.table == line.table {
            personRow(texts, table.columns)
            return
        }
        personColumns = nil
        if section.hasPrefix("narrative.") {
            narrative[section, default: []].append(line.isTable ? nonEmpty.joined(separator: "\t") : texts.joined())
            return
        }
        if section == "evidence" {
            // The list belongs in a table (序号/材料名称/文件名); text instead is said, not guessed at.
            if !line.isTable { evidenceText.append(nonEmpty.joined(separator: " ")) }
            return
        }
        fields(texts)
    }

    /// Label and value cells along a line; a paragraph `label：value` is a line of two.
    private mutating func fields(_ texts: [String]) {
        var cells = texts
        if cells.count == 1, let split = FormReader.labelAndValue(cells[0]) { cells = [split.label, split.value] }
        var i = 0
        while i < cells.count {
            let cell = cells[i]
            guard !cell.isEmpty else { i += 1; continue }
            let normal = FormLabels.normalised(cell)
            // 单位名称 1, 2, …: a partner's block, wherever it comes.
            if let number = FormReader.partnerNumber(normal) {
                section = "partners"
                person = nil
                dossier.partners.append(Partner())
                _ = number
                let value = i + 1 < cells.count && !isLabel(cells[i + 1]) ? cells[i + 1] : nil
                assign("name", part: "partners", value, label: cell)
                i += value == nil ? 1 : 2
                continue
            }
            if section == "applicant", let group = index["people"]?[normal] {
                person = group
                i += 1
                continue
            }
            if let (part, field) = field(for: normal) {
                labelsFound += 1
                let value = i + 1 < cells.count && !isLabel(cells[i + 1]) ? cells[i + 1] : nil
                assign(field, part: part, value, label: cell)
                i += value == nil ? 1 : 2
                continue
            }
            // A cell holding both: 平台名称：睿擎云.
            if let split = FormReader.labelAndValue(cell), let (part, field) = field(for: FormLabels.normalised(split.label)) {
                assign(field, part: part, split.value, label: split.label)
            }
            i += 1
        }
    }

    /// The columns of a sideways people table's head row: at least two person labels, nothing else.
    private func personHeader(_ normalised: [String]) -> [Int: String]? {
        guard section == "applicant", let labels = index["person"] else { return nil }
        var columns: [Int: String] = [:]
        for (column, label) in normalised.enumerated() where !label.isEmpty {
            guard let field = labels[label] else { return nil }
            columns[column] = field
        }
        return columns.count >= 2 ? columns : nil
    }

    /// A row of a sideways people table: the person's label (平台负责人), then its values by column.
    private mutating func personRow(_ texts: [String], _ columns: [Int: String]) {
        guard let first = texts.first(where: { !$0.isEmpty }), let group = index["people"]?[FormLabels.normalised(first)] else { return }
        person = group
        for (column, field) in columns.sorted(by: { $0.key < $1.key }) where column < texts.count {
            assign(field, part: "person", texts[column], label: labels.label(field, in: "person"))
        }
    }

    /// The part and field a label names in the section being read.
    private func field(for normal: String) -> (String, String)? {
        if section == "applicant", person != nil, let field = index["person"]?[normal] { return ("person", field) }
        if let field = index[section]?[normal] { return (section, field) }
        return nil
    }

    private func isLabel(_ cell: String) -> Bool {
        let normal = FormLabels.normalised(cell)
        guard !normal.isEmpty else { return false }
        return field(for: normal) != nil || (section == "applicant" && index["people"]?[normal] != nil)
            || FormReader.partnerNumber(normal) != nil
    }

    /// `单位名称 2` → 2.
    private static func partnerNumber(_ normal: String) -> Int? {
        guard normal.hasPrefix("单位名称"), normal.count > 4 else { return nil }
        return Int(normal.dropFirst(4))
    }

    /// `平台名称：睿擎云` → (平台名称, 睿擎云); nil when there is no colon, or no value after it.
    private static func labelAndValue(_ cell: String) -> (label: String, value: String)? {
        guard let colon = cell.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let label = String(cell[..<colon]), value = String(cell[cell.index(after: colon)...])
        guard !FormValues.trimmed(label).isEmpty else { return nil }
        return (label, value)
    }

    // MARK: - Fields

    private mutating func assign(_ field: String, part: String, _ raw: String?, label: String) {
        let value = raw.flatMap(FormValues.text)
        switch part {
        case "cover", "applicant", "platform":
            switch field {
            case "cover.platform_lead": coverPlatformLead = value
            case "attestation": attestationText = value ?? ""
            case "platform.type", "platform.iaas": optionCells[field, default: []].append(raw ?? "")
            default: scalar(field, value, label: label, units: units(field, in: part))
            }
        case "person":
            // 传真 is not part of the dossier: it has no path and is passed over.
            guard let person else { return }
            scalar(person + "." + field, value, label: label, units: [])
        case "partners":
            guard !dossier.partners.isEmpty else { return }
            let last = dossier.partners.count - 1
            if field == "roles" {
                optionCells["partners[\(last)].roles", default: []].append(raw ?? "")
            } else if let path = DossierFields.partnerTexts[field], let value {
                let text = field == "credit_code" ? FormReader.code(value) : value
                if accept("partners[\(last)].\(field)", text, raw: value) { dossier.partners[last][keyPath: path] = text }
            }
        case "indicators": indicator(field, raw, label: label)
        default: break
        }
    }

    /// A text, number or date field of the dossier, by its path.
    private mutating func scalar(_ field: String, _ value: String?, label: String, units: Set<String>) {
        guard let value else { return }
        if let path = DossierFields.texts[field] {
            let text = field.hasSuffix("credit_code") ? FormReader.code(value) : value
            if accept(field, text, raw: value) { dossier[keyPath: path] = text }
        } else if let path = DossierFields.numbers[field] {
            guard let number = number(value, field, label: label, units: units, wan: field.hasSuffix("_wan"), percent: field.hasSuffix("_pct")) else { return }
            if accept(field, "\(number)", raw: value) { dossier[keyPath: path] = number }
        } else if let path = DossierFields.dates[field] {
            guard let date = date(value, field, label: label) else { return }
            if accept(field, "\(date)", raw: value) { dossier[keyPath: path] = date }
        }
    }

    /// A field's value as the form writes it, when it was read.
    func written(_ field: String) -> String? { given[field]?.raw }

    /// Notes `field` as read with its value, and says whether to take it: not when the form
    /// gave it before — the same value again changes nothing, a different one makes the field
    /// not understood (which of the two is meant cannot be known).
    private mutating func accept(_ field: String, _ value: String, raw: String) -> Bool {
        if let earlier = given[field] {
            if earlier.value != value, conflicts[field]?.contains(raw) != true { conflicts[field, default: [earlier.raw]].append(raw) }
            return false
        }
        given[field] = (value, raw)
        report.read.append(field)
        return true
    }

    /// The units a value of the field may carry: those its printed labels name in brackets,
    /// % for a percentage and 万元 for an amount in 万元.
    private func units(_ field: String, in part: String) -> Set<String> {
        unitsByField[part + "|" + field] ?? []
    }

    static func units(_ field: String, in part: String, labels: FormLabels) -> Set<String> {
        let names = labels.fields[part]?.first { $0.field == field }?.labels ?? []
        var units = Set(FormValues.units.filter { unit in names.contains { $0.contains("（\(unit)）") || $0.contains("(\(unit))") } })
        if field.hasSuffix("_pct") || units.contains("%") { units.formUnion(["%"]) }
        if field.hasSuffix("_wan") { units.insert("万元") }
        return units
    }

    /// A credit code as written, without the spaces people put in to read it.
    private static func code(_ text: String) -> String {
        NumberText.halfWidth(text).replacingOccurrences(of: " ", with: "").uppercased()
    }

    /// The date; one that is not a whole date is noted as not understood.
    private mutating func date(_ value: String, _ field: String, label: String) -> DayDate? {
        if let date = FormValues.date(value) { return date }
        if value.contains(where: \.isNumber) { report.notUnderstood.append(.init(field: field, label: label, text: value)) }
        return nil
    }

    /// The number; one that is not exact, or carries another unit than the row's, is noted as not understood.
    private mutating func number(_ value: String, _ field: String, label: String, units: Set<String>, wan: Bool, percent: Bool) -> Decimal? {
        switch FormValues.number(value, units: units, percent: percent, wan: wan) {
        case let .success(number): return number
        case .failure:
            report.notUnderstood.append(.init(field: field, label: label, text: value))
            return nil
        }
    }

    private mutating func indicator(_ id: String, _ raw: String?, label: String) {
        guard let spec = catalog[id] else { return }
        switch spec.type {
        case .number, .percent:
            let field = "indicators.\(id)"
            guard let text = raw.flatMap(FormValues.text),
                  let value = number(text, field, label: label, units: units(id, in: "indicators"), wan: id.hasSuffix("_wan"),
                                     percent: spec.type == .percent) else { return }
            if accept(field, "\(value)", raw: text) { dossier.indicators[id] = .number(value) }
        case .bool, .set:
            optionCells["indicators.\(id)", default: []].append(raw ?? "")
        }
    }

    // MARK: - Tables of records

    /// A statistics or evidence table's header row: which part, and the field of each column.
    private func recordHeader(_ normalised: [String]) -> (part: String, columns: [Int: String])? {
        var best: (part: String, columns: [Int: String])?
        for part in ["breakdowns.industries", "breakdowns.domains", "breakdowns.regions", "evidence"] {
            guard let byLabel = index[part] else { continue }
            var columns: [Int: String] = [:]
            for (column, label) in normalised.enumerated() where !label.isEmpty {
                if let field = byLabel[label] { columns[column] = field }
            }
            let key = part == "evidence" ? "title" : "name"
            guard columns.count >= 2, columns.values.contains(key) else { continue }
            if columns.count > (best?.columns.count ?? 0) { best = (part, columns) }
        }
        return best
    }

    /// A row of a statistics or evidence table. A blank cell is the model's nothing (0, 否); a
    /// cell that cannot be read exactly leaves the whole row out, reported — a row half read
    /// would say 0 where the applicant wrote a number.
    private mutating func record(_ texts: [String], _ part: String, _ columns: [Int: String]) {
        var values: [String: String] = [:]
        for (column, field) in columns where texts.indices.contains(column) {
            if let text = FormValues.text(texts[column]) { values[field] = text }
        }
        if part == "evidence" {
            if values["title"] != nil || values["file"] != nil { evidenceRows.append((values["title"], values["file"])) }
            return
        }
        let written = texts.map(FormValues.trimmed).filter { !$0.isEmpty }.joined(separator: " | ")
        guard let name = values["name"] else {
            if values.keys.contains(where: { $0 != "number" }) {
                report.notUnderstood.append(.init(field: part, label: labels.label("name", in: part), text: written, reason: .noName))
            }
            return
        }
        var unclear: [IntakeReport.Unclear] = []
        let reader = self
        let number = { (field: String) -> Decimal in
            guard let text = values[field] else { return 0 }
            switch FormValues.number(text, units: reader.units(field, in: part), percent: field.hasSuffix("_pct")) {
            case let .success(value): return value
            case .failure:
                unclear.append(.init(field: "\(part)[\(name)].\(field)", label: reader.labels.label(field, in: part), text: text))
                return 0
            }
        }
        let yes = { (field: String) -> Bool in
            guard let text = values[field] else { return false }
            if let value = reader.bool(text) { return value }
            unclear.append(.init(field: "\(part)[\(name)].\(field)", label: reader.labels.label(field, in: part), text: text))
            return false
        }
        var row = Breakdowns()
        switch part {
        case "breakdowns.industries":
            row.industries = [.init(name: name, devices: number("devices"), sensorPoints: number("sensor_points"), coveragePct: number("coverage_pct"),
                                    models: number("models"), apps: number("apps"), enterprises: number("enterprises"))]
        case "breakdowns.domains": row.domains = [.init(name: name, apps: number("apps"), integrated: yes("integrated"))]
        case "breakdowns.regions": row.regions = [.init(name: name, entity: yes("entity"), enterprises: number("enterprises"))]
        default: return
        }
        guard unclear.isEmpty else {
            report.notUnderstood += unclear
            return
        }
        let field = "\(part)[\(name)]"
        if let earlier = recordRows[field] {
            if earlier != row { report.notUnderstood.append(.init(field: field, label: labels.label("name", in: part), text: written, reason: .duplicateRow)) }
            return
        }
        recordRows[field] = row
        dossier.breakdowns.industries += row.industries
        dossier.breakdowns.domains += row.domains
        dossier.breakdowns.regions += row.regions
        report.read.append(field)
    }

    // MARK: - Check boxes

    /// The options ticked in `cells`, by value: nil when no box is ticked (or none is there).
    private func ticked(_ cells: [String], field: String) -> [(value: String, text: String)]? {
        let options = cells.flatMap(FormValues.options)
        let known = (labels.options[field] ?? []).flatMap { option in option.labels.map { (option.value, FormLabels.normalised($0)) } }
            .sorted { $0.1.count > $1.1.count }
        var result: [(value: String, text: String)] = []
        for option in options where option.ticked {
            let normal = FormLabels.normalised(option.text)
            if let match = known.first(where: { normal.hasPrefix($0.1) && !$0.1.isEmpty }) { result.append((match.0, option.text)) }
        }
        return options.contains(where: \.ticked) ? result : nil
    }

    /// 是 or 否: a ticked box, or the word alone.
    private func bool(_ text: String) -> Bool? {
        if let ticked = ticked([text], field: "bool") {
            let values = Set(ticked.map(\.value))
            return values.count == 1 ? values.first == "true" : nil
        }
        switch FormLabels.normalised(text) {
        case "是", "有", "yes", "true": return true
        case "否", "无", "no", "false": return false
        default: return nil
        }
    }

    private mutating func finishOptions() {
        for (key, cells) in optionCells.sorted(by: { $0.key < $1.key }) {
            let raw = cells.filter { !$0.isEmpty }.joined(separator: " ")
            if key.hasPrefix("indicators.") {
                let id = String(key.dropFirst("indicators.".count))
                guard let spec = catalog[id] else { continue }
                if spec.type == .bool {
                    if let value = bool(raw) {
                        dossier.indicators[id] = .bool(value)
                        report.read.append(key)
                    } else if FormValues.options(raw).filter(\.ticked).count > 1 {
                        report.notUnderstood.append(.init(field: key, label: labels.label(id, in: "indicators"), text: raw))
                    }
                } else if let ticked = ticked(cells, field: id), !ticked.isEmpty {
                    dossier.indicators[id] = .set(ticked.map(\.value))
                    report.read.append(key)
                }
            } else if let (index, _) = DossierFields.partnerField(key) {
                guard dossier.partners.indices.contains(index) else { continue }
                dossier.partners[index].roles = (ticked(cells, field: "partner.roles") ?? []).compactMap { Partner.Role(rawValue: $0.value) }
                if !dossier.partners[index].roles.isEmpty { report.read.append(key) }
            } else if key == "platform.type" {
                platformType(cells)
            } else if key == "platform.iaas" {
                infrastructure(cells)
            }
        }
    }

    private mutating func platformType(_ cells: [String]) {
        guard let ticked = ticked(cells, field: "platform.type") else { return }
        guard ticked.count == 1, let type = PlatformType(rawValue: ticked[0].value) else {
            report.notUnderstood.append(.init(field: "platform.type", label: "平台类型", text: cells.joined(separator: " ")))
            return
        }
        dossier.platform.type = type
        report.read.append("platform.type")
        // 特定行业工业互联网平台（面向行业：家电制造）
        if type != .cross, let focus = FormReader.after("面向", in: ticked[0].text) {
            dossier.platform.focus = focus
            report.read.append("platform.focus")
        }
    }

    private mutating func infrastructure(_ cells: [String]) {
        guard let ticked = ticked(cells, field: "platform.iaas") else { return }
        guard ticked.count == 1, let iaas = Platform.Infrastructure(rawValue: ticked[0].value) else {
            report.notUnderstood.append(.init(field: "platform.iaas", label: "IaaS 基础设施", text: cells.joined(separator: " ")))
            return
        }
        dossier.platform.iaas = iaas
        report.read.append("platform.iaas")
        if iaas == .leased, let provider = FormReader.after("服务商名称", in: ticked[0].text) {
            dossier.platform.iaasProvider = provider
            report.read.append("platform.iaas_provider")
        }
    }

    /// The text filled in after `key` and its colon, up to the closing bracket: 面向行业：家电制造）→ 家电制造.
    /// The text an option asks for after `key` and its colon, up to the bracket that closes
    /// the option: 「租用（服务商名称：腾讯云计算（北京）有限责任公司）」 gives the whole company.
    private static func after(_ key: String, in text: String) -> String? {
        guard let start = text.range(of: key) else { return nil }
        var rest = text[start.upperBound...]
        guard let colon = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        rest = rest[rest.index(after: colon)...]
        var depth = 0
        let value = rest.prefix { character in
            switch character {
            case "(", "（": depth += 1
            case ")", "）": depth -= 1
            default: break
            }
            return depth >= 0
        }
        return FormValues.text(String(value))
    }

    // MARK: - The end: narrative, derived fields, what is missing

    private mutating func finish() {
        finishOptions()
        for (section, lines) in narrative {
            let key = String(section.dropFirst("narrative.".count))
            if let text = FormValues.text(lines.joined(separator: "\n")) {
                dossier.narrative[key] = text
                report.read.append(section)
            }
        }
        settleConflicts()
        partnersWithoutName()
        if dossier.applicant.platformLead.name == nil, let lead = coverPlatformLead {
            dossier.applicant.platformLead.name = lead
            report.read.append("applicant.platform_lead.name")
        }
        evidence()
        derive()
        findMissing()
        var seen: Set<String> = []
        report.read = report.read.filter { seen.insert($0).inserted }
    }

    private mutating func derive() {
        func derived(_ field: String, _ value: String, _ source: IntakeReport.Derivation) {
            report.derived.append(.init(field: field, value: value, source: source))
        }
        // 推荐单位: a Guangdong city's, or a central enterprise's (no city).
        if let name = dossier.recommender.name {
            if let city = GuangdongCity.all.sorted().first(where: { name.contains($0) }) {
                dossier.recommender.kind = .city
                dossier.recommender.city = city
                derived("recommender.kind", "city", .cityInRecommenderName(city))
            } else {
                dossier.recommender.kind = .central
                derived("recommender.kind", "central", .noCityInRecommenderName)
            }
        }
        let code = dossier.applicant.creditCode ?? ""
        if code.count == 18 {
            let division = code.dropFirst(2).prefix(2)
            dossier.applicant.registeredInGuangdong = division == "44"
            derived("applicant.registered_in_guangdong", String(division == "44"), .creditCodeDivision(String(code.dropFirst(2).prefix(6))))
        } else if let address = dossier.applicant.address {
            let inGuangdong = address.hasPrefix("广东") || GuangdongCity.all.contains { address.hasPrefix($0) }
            dossier.applicant.registeredInGuangdong = inGuangdong
            derived("applicant.registered_in_guangdong", String(inGuangdong), .address)
        }
        if let name = dossier.applicant.name {
            let branch = ["分公司", "分支机构", "办事处"].contains { name.contains($0) }
            dossier.applicant.independentLegalPerson = !branch
            derived("applicant.independent_legal_person", String(!branch), branch ? .branchName : .nameWithoutBranch)
        }
        // A row filled with a value not understood is filled all the same: it tells the sector.
        let filled = Set(report.read).union(report.notUnderstood.map(\.field))
        let connected = filled.contains("indicators.basic.device.connected"), sensors = filled.contains("indicators.basic.device.sensor_points")
        if connected || sensors {
            let sector: Sector = connected && sensors ? .mixed : connected ? .discrete : .process
            dossier.platform.sector = sector
            derived("platform.sector", sector.rawValue, .deviceRows(connected: connected, sensorPoints: sensors))
        }
        dossier.attestation.signed = false
        if let text = attestationText {
            let found = FormValues.dateWithin(text)
            dossier.attestation.date = found?.date
            if let found, found.date == nil {
                report.notUnderstood.append(.init(field: "attestation.date", label: labels.label("attestation", in: "applicant"), text: found.text))
            }
            if FormValues.saysUnsealed(text) {
                derived("attestation.signed", "false", .saidUnsealed)
            } else {
                dossier.attestation.signed = found?.date != nil
                derived("attestation.signed", String(found?.date != nil), found?.date.map(IntakeReport.Derivation.dateBesideSeal) ?? .noDateBesideSeal)
            }
        }
    }

    /// What the form should have given for this platform's type, and did not.
    private mutating func findMissing() {
        let have = Set(report.read) .union(report.notUnderstood.map(\.field))
        var expected = ["submitted", "recommender.name", "applicant.name", "applicant.credit_code", "applicant.nature", "applicant.address",
                        "applicant.founded", "applicant.platform_lead.name", "applicant.platform_lead.title", "applicant.platform_lead.phone",
                        "applicant.platform_lead.mobile", "applicant.platform_lead.email", "applicant.contact.name", "applicant.contact.title",
                        "applicant.contact.phone", "applicant.contact.mobile", "applicant.contact.email",
                        "applicant.finance.total_assets_wan", "applicant.finance.debt_ratio_pct", "applicant.finance.credit_rating",
                        "applicant.finance.sales_wan", "applicant.finance.tax_wan", "applicant.finance.profit_wan", "applicant.profile",
                        "platform.name", "platform.type", "platform.summary", "platform.planned_investment_wan", "platform.iaas",
                        "narrative.architecture", "narrative.cases", "narrative.regional", "narrative.roadmap"]
        if let type = dossier.platform.type {
            if type != .cross { expected.append("platform.focus") }
            for spec in catalog.specs where Applicability.section(spec.section, appliesTo: type) {
                // The form lets one of the two device rows go empty; the pairs of 至少填写1个 need one.
                switch spec.id {
                case "basic.device.connected", "basic.device.sensor_points", "industry.enterprises", "industry.coverage_pct",
                     "region.enterprises", "region.coverage_pct": continue
                default: expected.append("indicators." + spec.id)
                }
            }
            for (a, b) in [("basic.device.connected", "basic.device.sensor_points"), ("industry.enterprises", "industry.coverage_pct"),
                           ("region.enterprises", "region.coverage_pct")] {
                guard [a, b].allSatisfy({ catalog[$0].map { Applicability.section($0.section, appliesTo: type) } ?? false }) else { continue }
                if !have.contains("indicators." + a), !have.contains("indicators." + b) { expected.append("indicators." + a) }
            }
        }
        if dossier.platform.iaas == .leased { expected.append("platform.iaas_provider") }
        report.missing = expected.filter { !have.contains($0) }
        if dossier.attestation.date == nil { report.missing.append("attestation.date") }
        if dossier.platform.type == .cross, dossier.breakdowns.industries.isEmpty { report.missing.append("breakdowns.industries") }
    }

    /// The evidence listed under 八, with the files delivered beside the form: only regular
    /// files directly in its folder, named by their plain names — a path, `..` or a link
    /// never lets a dossier point outside the folder.
    private mutating func evidence() {
        let folder = evidenceFolder
        var delivered: [String] = []
        if let folder {
            switch AtomicFile.place(folder) {
            case .nothing: break
            case .folder:
                do {
                    delivered = try FileManager.default.contentsOfDirectory(atPath: folder)
                        .filter { !$0.hasPrefix(".") && AtomicFile.place(folder + "/" + $0) == .file }.sorted()
                } catch {
                    // What was delivered cannot be known: every file listed under 八 is reported as not delivered.
                    report.notUnderstood.append(.init(field: "evidence", label: folder, text: folder, reason: .folderUnreadable(error.localizedDescription)))
                }
            case .link, .file, .other:
                // A link could lead anywhere on the machine; the folder must be the applicant's own.
                report.notUnderstood.append(.init(field: "evidence", label: folder, text: folder, reason: .notAFolder))
            }
        }
        let label = labels.label("file", in: "evidence")
        var listed: Set<String> = []
        for row in evidenceRows {
            // An entry of the dossier names its file: a row without a usable file name is reported instead.
            guard let written = row.file else {
                report.notUnderstood.append(.init(field: "evidence", label: label, text: row.title ?? "", reason: .notAFileName))
                continue
            }
            // The name after the last / or \ (an applicant may copy a path from Windows).
            let components = written.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(FormValues.trimmed)
            let name = components.last ?? ""
            guard !name.isEmpty, !name.hasPrefix("."), !components.contains(".."), !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                report.notUnderstood.append(.init(field: "evidence", label: label, text: written, reason: .notAFileName))
                continue
            }
            listed.insert(name)
            // Named where it belongs even when it is not there: validate then says so (W-EVIDENCE).
            dossier.evidence.append(Evidence(title: row.title ?? name, file: folder.map { Paths.relative($0 + "/" + name, from: base) } ?? name))
            if !delivered.contains(name) {
                report.notUnderstood.append(.init(field: "evidence", label: label, text: written, reason: .fileNotDelivered))
            }
        }
        for name in delivered where !listed.contains(name) {
            guard let folder else { break }
            dossier.evidence.append(Evidence(title: name, file: Paths.relative(folder + "/" + name, from: base)))
            report.derived.append(.init(field: "evidence", value: name, source: .deliveredNotListed))
        }
        if !dossier.evidence.isEmpty { report.read.append("evidence") }
        if evidenceRows.isEmpty, !evidenceText.isEmpty {
            let text = evidenceText.joined(separator: "\n")
            report.notUnderstood.append(.init(field: "evidence", label: labels.sections.first { $0.id == "evidence" }?.headings.first ?? "evidence",
                                              text: text.count > 200 ? String(text.prefix(200)) + "…" : text))
        }
    }

    /// A field the form gives twice with different values is not taken at all.
    private mutating func settleConflicts() {
        for (field, values) in conflicts.sorted(by: { $0.key < $1.key }) {
            DossierFields.clear(field, in: &dossier)
            report.read.removeAll { $0 == field }
            report.notUnderstood.append(.init(field: field, label: labels.printedLabel(of: field), text: values.joined(separator: " ／ "),
                                              reason: .differentValues))
        }
    }

    /// 联合单位 blocks without a name are left out: an empty one silently (the blank form has
    /// them), one with values reported, and what was read of it no longer counted.
    private mutating func partnersWithoutName() {
        var kept: [Partner] = []
        var renumbered: [String: String] = [:]
        for (index, partner) in dossier.partners.enumerated() {
            if partner.name != nil {
                renumbered["partners[\(index)]"] = "partners[\(kept.count)]"
                kept.append(partner)
            } else if partner != Partner() {
                // Roles ticked count: finishOptions has set them on the partner already.
                let values = [partner.creditCode, partner.lead, partner.title, partner.mobile].compactMap { $0 }
                report.notUnderstood.append(.init(field: "partners[\(index)].name", label: labels.label("name", in: "partners"),
                                                  text: values.joined(separator: " | "), reason: .noName))
            }
        }
        dossier.partners = kept
        report.read = report.read.compactMap { field in
            guard let (index, rest) = DossierFields.partnerField(field) else { return field }
            return renumbered["partners[\(index)]"].map { $0 + (rest.isEmpty ? "" : "." + rest) }
        }
    }
}

/// The form's document as lines: each paragraph a line of one cell; each table row a line
/// of its cells, a vertically merged cell giving its text to the rows it spans; the rows of
/// a table nested in a cell follow their row.
enum FormLines {
    struct Line {
        let cells: [String]
        /// The table it is a row of (numbered in document order), nil for a paragraph.
        let table: Int?
        var isTable: Bool { table != nil }
    }

    static func lines(of document: WordDocument) -> [Line] {
        var lines: [Line] = []
        var tables = 0
        func add(_ table: WordTable) {
            tables += 1
            let number = tables
            var above: [Int: String] = [:]
            for row in table.rows {
                var cells: [String] = []
                var column = 0
                var nested: [WordTable] = []
                for cell in row {
                    switch cell.merge {
                    case .continue: cells.append(above[column] ?? "")
                    case .restart:
                        above[column] = cell.text
                        cells.append(cell.text)
                    case .none:
                        above[column] = nil
                        cells.append(cell.text)
                    }
                    nested += cell.tables
                    column += max(1, cell.span)
                }
                lines.append(Line(cells: cells, table: number))
                nested.forEach(add)
            }
        }
        for block in document.blocks {
            switch block {
            case let .paragraph(text): lines.append(Line(cells: [text], table: nil))
            case let .table(table): add(table)
            }
        }
        return lines
    }
}

/// Paths as a dossier names its evidence: relative to the dossier's own folder.
enum Paths {
    static func relative(_ path: String, from base: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let origin = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, origin.count), target[common] == origin[common] { common += 1 }
        guard common > 1 else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return (Array(repeating: "..", count: origin.count - common) + target[common...]).joined(separator: "/")
    }
}

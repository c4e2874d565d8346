import Foundation

/// The rules of SPEC §5 that look at one dossier alone.
public enum DossierRules {
    /// 申报截止: the notice asks for applications by 22 August 2018.
    public static let deadline = DayDate(year: 2018, month: 8, day: 22)!
    public static let profileLimit = 1000
    public static let summaryLimit = 500

    /// Every single-dossier problem, in the order of the SPEC's table. `folder` is where the
    /// dossier file lies, to look for evidence files; nil skips that check.
    public static func check(_ d: Dossier, catalog: IndicatorCatalog, folder: String?) -> [Problem] {
        var problems: [Problem] = []
        problems += creditCodes(d)
        problems += legalStatus(d)
        problems += focusAndAtLeastOne(d)
        problems += lateAndLength(d)
        problems += regionCode(d)
        problems += missingIndicators(d, catalog: catalog)
        problems += claims(d)
        if let folder { problems += evidence(d, folder: folder) }
        return problems
    }

    // MARK: - Errors

    static func creditCodes(_ d: Dossier) -> [Problem] {
        var codes: [(field: String, code: String?)] = [("applicant.credit_code", d.applicant.creditCode)]
        codes += d.partners.enumerated().map { ("partners[\($0.offset)].credit_code", $0.element.creditCode) }
        return codes.compactMap { field, code in
            guard let code else { return nil }
            switch CreditCode.verify(code) {
            case .valid: return nil
            case let .wrongCheck(expected):
                return Problem(.creditCode, field: field, "\(field) \(code) fails its check character (expected \(expected) at the end)")
            case let .malformed(reason):
                return Problem(.creditCode, field: field, "\(field) \(code) \(reason)")
            }
        }
    }

    static func legalStatus(_ d: Dossier) -> [Problem] {
        var problems: [Problem] = []
        if d.applicant.registeredInGuangdong == false {
            problems.append(Problem(.notGuangdong, field: "applicant.registered_in_guangdong",
                                    "the lead applicant is not registered in Guangdong (申报要求 一、(五))"))
        }
        if d.applicant.independentLegalPerson == false {
            problems.append(Problem(.notLegalPerson, field: "applicant.independent_legal_person",
                                    "the lead applicant has no independent legal person status (申报要求 一、(五))"))
        }
        if d.attestation.signed == false {
            problems.append(Problem(.attestation, field: "attestation.signed", "the 真实性承诺 is not signed"))
        }
        return problems
    }

    static func focusAndAtLeastOne(_ d: Dossier) -> [Problem] {
        guard let type = d.platform.type else { return [] }
        var problems: [Problem] = []
        if type != .cross, d.platform.focus == nil {
            problems.append(Problem(.focus, field: "platform.focus", "a \(type.rawValue) platform must name its focus (面向行业/领域/区域)"))
        }
        for (first, second) in atLeastOnePairs(for: type)
        where d.indicators[first] == nil && d.indicators[second] == nil {
            problems.append(Problem(.atLeastOne, field: "indicators.\(first)",
                                    "give at least one of indicators.\(first) and indicators.\(second) (至少填写1个指标)"))
        }
        return problems
    }

    /// The "至少填写1个指标" pairs that apply to a platform type.
    static func atLeastOnePairs(for type: PlatformType) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if Applicability.section("industry", appliesTo: type) { pairs.append(("industry.enterprises", "industry.coverage_pct")) }
        if Applicability.section("region", appliesTo: type) { pairs.append(("region.enterprises", "region.coverage_pct")) }
        return pairs
    }

    // MARK: - Warnings

    static func lateAndLength(_ d: Dossier) -> [Problem] {
        var problems: [Problem] = []
        if let submitted = d.submitted, submitted > deadline {
            problems.append(Problem(.late, field: "submitted", "submitted \(submitted), after the deadline \(deadline)"))
        }
        let texts: [(String, String?, Int)] = [("applicant.profile", d.applicant.profile, profileLimit),
                                               ("platform.summary", d.platform.summary, summaryLimit)]
        for (field, text, limit) in texts {
            let length = text.map(countedLength) ?? 0
            if length > limit {
                problems.append(Problem(.length, field: field, "\(field) has \(length) characters; the form allows \(limit) (限\(limit)字)"))
            }
        }
        return problems
    }

    /// Characters as the form counts them: whitespace is not counted.
    public static func countedLength(_ text: String) -> Int {
        text.filter { !$0.isWhitespace }.count
    }

    static func regionCode(_ d: Dossier) -> [Problem] {
        guard d.applicant.registeredInGuangdong == true, let code = d.applicant.creditCode,
              let province = CreditCode.provinceCode(code), province != "44" else { return [] }
        return [Problem(.regionCode, field: "applicant.credit_code",
                        "applicant.credit_code \(code) has administrative code \(province), not Guangdong's 44, though registered_in_guangdong is true")]
    }

    static func missingIndicators(_ d: Dossier, catalog: IndicatorCatalog) -> [Problem] {
        guard let type = d.platform.type else { return [] }
        let paired = Set(atLeastOnePairs(for: type).flatMap { [$0.0, $0.1] })
        return catalog.applicable(to: type).compactMap { spec in
            guard d.indicators[spec.id] == nil, !paired.contains(spec.id) else { return nil }
            if spec.id == "basic.device.sensor_points", d.platform.sector == .discrete { return nil }
            if spec.id == "basic.device.connected", d.platform.sector == .process { return nil }
            return Problem(.missing, field: "indicators.\(spec.id)", "indicators.\(spec.id) (\(spec.name)) is not given")
        }
    }

    static func claims(_ d: Dossier) -> [Problem] {
        guard d.platform.type == .cross else { return [] }
        let recomputed = EffectiveCounts.recompute(d.breakdowns, sector: d.platform.sector)
        return recomputed.keys.sorted().compactMap { id in
            guard case let .number(claimed)? = d.indicators[id], let effective = recomputed[id],
                  claimed != Decimal(effective) else { return nil }
            return Problem(.claim, field: "indicators.\(id)",
                           "indicators.\(id) claims \(claimed) but the breakdowns give \(effective)")
        }
    }

    static func evidence(_ d: Dossier, folder: String) -> [Problem] {
        d.evidence.enumerated().compactMap { index, item in
            guard let file = item.file else { return nil }
            let path = file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
            guard !FileManager.default.fileExists(atPath: path) else { return nil }
            return Problem(.evidence, field: "evidence[\(index)].file", "evidence file \(file) does not exist")
        }
    }
}

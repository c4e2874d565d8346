import Foundation

/// A complete, valid dossier of SPEC §3 as YAML text, for tests to load as it is or with a
/// line changed. The default is a discrete industry platform recommended by 佛山 with every
/// applicable indicator given and no compliance problem.
public enum DossierFixture {
    /// Valid 统一社会信用代码 (check characters computed by hand from GB 32100-2015).
    public static let creditCodes = ["91440604MA4UH3D21H", "91440300MA5F123452", "91440101MA59K7Q310", "91440606MA4WXY0K2U"]

    public static func yaml(id: String = "T-001", type: String = "industry", creditCode: String = creditCodes[0],
                            city: String = "佛山", sector: String = "discrete", submitted: String = "2018-08-20",
                            applicant: String = "佛山测试智能科技有限公司") -> String {
        var lines = """
        format: iip-dossier/1
        id: \(id)
        submitted: \(submitted)
        recommender:
          name: \(city)市经济和信息化局
          kind: city
          city: \(city)
        applicant:
          name: \(applicant)
          credit_code: "\(creditCode)"
          nature: 民营企业
          address: 佛山市南海区桂城街道测试路1号
          founded: 2012-03-01
          registered_in_guangdong: true
          independent_legal_person: true
          platform_lead: {name: 张三, title: 总经理, phone: "0757-86000000", mobile: "13900000000", email: a@example.cn}
          contact: {name: 李四, title: 经理, phone: "0757-86000001", mobile: "13900000001", email: b@example.cn}
          finance: {total_assets_wan: 52000, debt_ratio_pct: 41.5, credit_rating: AA, sales_wan: "38,000", tax_wan: 2100, profit_wan: 4300}
          profile: |
            佛山测试智能科技有限公司成立于2012年，专注于家电制造业的工业互联网服务。
        partners:
          - {name: 测试云计算有限公司, credit_code: "\(creditCodes[1])", lead: 王五, title: 副总裁, mobile: "13900000002", roles: [iaas_paas, iot]}
          - {name: 测试研究院, credit_code: "12345678-8", lead: 赵六, title: 院长, mobile: "13900000003", roles: [data_analytics]}
        platform:
          name: 测试家电工业互联网平台
          type: \(type)
          focus: 家电制造
          sector: \(sector)
          summary: 面向家电制造的工业互联网平台。
          planned_investment_wan: 8000
          iaas: leased
          iaas_provider: 测试云
        indicators:

        """
        for (key, value) in indicatorValues(for: type) { lines += "  \(key): \(value)\n" }
        lines += """
        breakdowns:
          industries:
            - {name: 家电, devices: 42000, sensor_points: 0, coverage_pct: 3.1, models: 64, apps: 120, enterprises: 310}
            - {name: 陶瓷, devices: 9000, sensor_points: 0, coverage_pct: 12, models: 20, apps: 30, enterprises: 20}
          domains:
            - {name: 生产制造, apps: 88, integrated: true}
            - {name: 仓储物流, apps: 10, integrated: false}
          regions:
            - {name: 华南, entity: true, enterprises: 900}
            - {name: 华东, entity: false, enterprises: 40}
        narrative:
          architecture: 平台采用云边协同架构。
          cases: 某家电企业设备综合效率提升12%。
          regional: 在佛山落地。
          roadmap: 下一步拓展开发者社区。
        evidence: []
        attestation: {signed: true, date: 2018-08-18}

        """
        return lines
    }

    /// Every indicator of §4 that applies to `type`, with plausible values. The cross
    /// counts agree with the fixture's breakdowns (2 industries count for devices, etc.).
    public static func indicatorValues(for type: String) -> [(String, String)] {
        let basic: [(String, String)] = [
            ("basic.device.connected", "125000"), ("basic.device.sensor_points", "\"１２０００\""), ("basic.device.edge", "true"),
            ("basic.device.manageable", "130000"), ("basic.device.mgmt_functions", "12"),
            ("basic.software.cloud_software", "45"), ("basic.software.apps", "320"), ("basic.software.monthly_subscriptions", "8600"),
            ("basic.software.models", "210"), ("basic.software.monthly_model_calls", "560000"),
            ("basic.users.registered", "52000"), ("basic.users.active", "8600"), ("basic.users.enterprises", "1200"),
            ("basic.users.developers", "860"), ("basic.users.service_functions", "15"), ("basic.data.mgmt_functions", "8"),
            ("basic.compute.db_types", "6"), ("basic.compute.realtime_gbps", "2.5"), ("basic.compute.bandwidth_mbps", "1000"),
            ("basic.compute.data_tb", "320"), ("basic.devtools.tools", "24"), ("basic.devtools.monthly_calls", "15000"),
            ("basic.devtools.languages", "5"), ("basic.devtools.algorithms", "60"), ("basic.devtools.graphical", "true"),
            ("basic.interop.software", "12"), ("basic.interop.models", "30"), ("basic.interop.apps", "40"),
            ("basic.security.modules", "18"), ("basic.security.libraries", "6"), ("basic.security.mechanism", "true"),
            ("basic.newtech.functions", "9"), ("basic.arch.cloud", "[public, hybrid]"),
            ("basic.arch.key_tech", "[protocol_compat, edge_computing, big_data_analytics]"),
            ("basic.output.rd_investment_wan", "15000"), ("basic.output.revenue_wan", "9800"), ("basic.output.projects", "86"),
            ("basic.output.quality_audit", "true"),
        ]
        let industry: [(String, String)] = [
            ("industry.devices", "42000"), ("industry.interfaces", "35"), ("industry.models", "64"), ("industry.apps", "120"),
            ("industry.enterprises", "310"), ("industry.coverage_pct", "3.1"),
        ]
        let domain: [(String, String)] = [("domain.lifecycle_data", "true"), ("domain.apps", "88")]
        let region: [(String, String)] = [
            ("region.agreement", "true"), ("region.apps", "40"), ("region.enterprises", "900"), ("region.coverage_pct", "8.5"),
        ]
        let cross: [(String, String)] = [
            ("cross.industries.devices", "2"), ("cross.industries.models", "1"), ("cross.industries.apps", "1"),
            ("cross.industries.enterprises", "2"), ("cross.domains.apps", "1"), ("cross.domains.integrated", "1"),
            ("cross.regions.entities", "1"), ("cross.regions.enterprises", "1"), ("cross.ops.team", "120"),
            ("cross.ops.third_party_dev_pct", "35"), ("cross.security.ics", "true"), ("cross.security.secure_parts", "12"),
            ("cross.security.innovative_models", "80"), ("cross.security.innovative_apps", "150"),
        ]
        switch type {
        case "cross": return basic + industry + domain + region + cross
        case "domain": return basic + domain
        case "region": return basic + region
        default: return basic + industry
        }
    }

    /// A temporary folder, removed by the caller with `FileManager.removeItem`.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "iipeval-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

# -*- coding: utf-8 -*-
"""The dossiers the intake fixtures stand for (SPEC §3), and the indicator rows of the
申报书's 三、平台能力信息 (SPEC §4) with the form's printed labels.

Used by make_fixtures.py; every fixture is rendered from one of these dossiers, and its
expected YAML is written from the same dossier, so the two cannot drift apart.
"""

# ---------------------------------------------------------------------------
# Credit codes (GB 32100-2015 統一社会信用代码 with a GB 11714 organisation-code body)
# ---------------------------------------------------------------------------

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body8):
    """GB 11714 check character of an 8-character organisation-code body."""
    total = 0
    for ch, w in zip(body8, ORG_WEIGHTS):
        value = int(ch) if ch.isdigit() else ord(ch) - 55
        total += value * w
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def credit_code(division6, org8, prefix="91"):
    """An 18-character 统一社会信用代码: registration authority and category (91 =
    enterprise), the 6-digit administrative division, the 9-character organisation code
    (with its own GB 11714 check) and the GB 32100 check character."""
    org9 = org8 + org_check(org8)
    body = prefix + division6 + org9
    assert len(body) == 17 and all(c in CREDIT_ALPHABET for c in body), body
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


# ---------------------------------------------------------------------------
# Indicator rows of 三、平台能力信息
# ---------------------------------------------------------------------------
# (id, L1 section, L2 group, L3 group or None, form label, bare label, unit, kind)
#   form label: the wording of the seed form (full-width brackets, notes kept, the form's
#               own typos such as 机理摸 and 领域梳理 kept as printed);
#   bare label: without units and notes (what many applicants type);
#   unit: the row's unit ('' for none); kind: num | pct | bool | cloud | keytech.

L1 = {
    "basic": ("基础共性能力", "（注：所有类型平台填报；所填指标数量需提供相关材料或现场演示，指标数量统计时间截至填报日期）"),
    "industry": ("特定行业平台能力", "（跨行业跨领域平台、特定行业平台填报）"),
    "domain": ("特定领域平台能力", "（跨行业跨领域平台、特定领域平台填写）"),
    "region": ("特定区域平台能力", "（跨行业跨领域平台、特定区域平台填报）"),
    "cross": ("跨行业跨领域平台能力", "（跨行业跨领域平台填报）"),
}

ROWS = [
    ("basic.device.connected", "basic", "平台资源能力", "工业设备管理", "已连接的工业设备数量（台）（注：流程行业可不填）", "已连接的工业设备数量", "台", "num"),
    ("basic.device.sensor_points", "basic", "平台资源能力", "工业设备管理", "工艺流程传感器数据采集点数量（个）（注：离散行业可不填）", "工艺流程传感器数据采集点数量", "个", "num"),
    ("basic.device.edge", "basic", "平台资源能力", "工业设备管理", "是否具备工业设备数据边缘计算功能", "是否具备工业设备数据边缘计算功能", "", "bool"),
    ("basic.device.manageable", "basic", "平台资源能力", "工业设备管理", "可管理的工业设备数量（个）", "可管理的工业设备数量", "个", "num"),
    ("basic.device.mgmt_functions", "basic", "平台资源能力", "工业设备管理", "可提供的管理操作功能种类（类）（如参数配置、功能设定、维护管理等）", "可提供的管理操作功能种类", "类", "num"),
    ("basic.software.cloud_software", "basic", "平台资源能力", "软件应用管理", "云化工业软件数量（个）（研发、采购、生产、营销、管理和服务等基于云计算服务架构的工业软件）", "云化工业软件数量", "个", "num"),
    ("basic.software.apps", "basic", "平台资源能力", "软件应用管理", "工业 APP 数量（个）（注：基于平台开发与部署，面向特定场景的应用软件）", "工业APP数量", "个", "num"),
    ("basic.software.monthly_subscriptions", "basic", "平台资源能力", "软件应用管理", "工业软件和 APP 的月平均用户订阅次数（次）（注：近 1 年的月平均订阅次数）", "工业软件和APP的月平均用户订阅次数", "次", "num"),
    ("basic.software.models", "basic", "平台资源能力", "软件应用管理", "工业机理模型、微服务组件数量（个）（注：物理、化学及面向特定工艺的模式，非零部件几何模型）", "工业机理模型、微服务组件数量", "个", "num"),
    ("basic.software.monthly_model_calls", "basic", "平台资源能力", "软件应用管理", "工业机理模型和微服务的月平均调用次数（次）（注：近 1 年的月平均调用次数）", "工业机理模型和微服务的月平均调用次数", "次", "num"),
    ("basic.users.registered", "basic", "平台资源能力", "用户与开发者管理", "平台注册用户数（名）", "平台注册用户数", "名", "num"),
    ("basic.users.active", "basic", "平台资源能力", "用户与开发者管理", "平台活跃用户数（名）（注：月在线时间不少于 10 小时或登录次数不少于 5 次）", "平台活跃用户数", "名", "num"),
    ("basic.users.enterprises", "basic", "平台资源能力", "用户与开发者管理", "平台服务企业用户总数（个）（注：须提供服务合同）", "平台服务企业用户总数", "个", "num"),
    ("basic.users.developers", "basic", "平台资源能力", "用户与开发者管理", "平台开发者数量（名）（注：至少上传过 1 个微服务或 1 个工业 APP）", "平台开发者数量", "名", "num"),
    ("basic.users.service_functions", "basic", "平台资源能力", "用户与开发者管理", "可提供的用户与开发者服务和管理功能种类（类）", "可提供的用户与开发者服务和管理功能种类", "类", "num"),
    ("basic.data.mgmt_functions", "basic", "平台资源能力", "数据资源管理", "可提供的工业数据管理功能种类（类）（存储、编目、索引、去重、合并及质量评估等）", "可提供的工业数据管理功能种类", "类", "num"),
    ("basic.compute.db_types", "basic", "平台服务能力", "存储计算服务", "提供的数据库类型（类）", "提供的数据库类型", "类", "num"),
    ("basic.compute.realtime_gbps", "basic", "平台服务能力", "存储计算服务", "数据实时处理能力（或理论计算峰值）（GB/s）", "数据实时处理能力", "GB/s", "num"),
    ("basic.compute.bandwidth_mbps", "basic", "平台服务能力", "存储计算服务", "网络带宽（MB/s）", "网络带宽", "MB/s", "num"),
    ("basic.compute.data_tb", "basic", "平台服务能力", "存储计算服务", "平台积累的工业数据存量（TB）", "平台积累的工业数据存量", "TB", "num"),
    ("basic.devtools.tools", "basic", "平台服务能力", "应用开发服务", "开发工具数量（个）（注：建模、仿真分析、可视化展示、知识管理工具等）", "开发工具数量", "个", "num"),
    ("basic.devtools.monthly_calls", "basic", "平台服务能力", "应用开发服务", "开发工具月平均调用次数（次）（注：近 1 年的月平均调用次数）", "开发工具月平均调用次数", "次", "num"),
    ("basic.devtools.languages", "basic", "平台服务能力", "应用开发服务", "开发语言数量（类）（Java、Ruby、PHP 等）", "开发语言数量", "类", "num"),
    ("basic.devtools.algorithms", "basic", "平台服务能力", "应用开发服务", "通用建模分析算法模型数量（个）", "通用建模分析算法模型数量", "个", "num"),
    ("basic.devtools.graphical", "basic", "平台服务能力", "应用开发服务", "是否具备图形化快速开发能力", "是否具备图形化快速开发能力", "", "bool"),
    ("basic.interop.software", "basic", "平台服务能力", "平台间调用服务", "支持跨平台调用的工业软件数量（个）", "支持跨平台调用的工业软件数量", "个", "num"),
    ("basic.interop.models", "basic", "平台服务能力", "平台间调用服务", "支持跨平台调用的工业机理模型和微服务组件数量（个）", "支持跨平台调用的工业机理模型和微服务组件数量", "个", "num"),
    ("basic.interop.apps", "basic", "平台服务能力", "平台间调用服务", "支持跨平台调用的工业 APP 数量（个）", "支持跨平台调用的工业APP数量", "个", "num"),
    ("basic.security.modules", "basic", "平台服务能力", "安全防护服务", "安全防护的功能模块及组件数量（个）", "安全防护的功能模块及组件数量", "个", "num"),
    ("basic.security.libraries", "basic", "平台服务能力", "安全防护服务", "平台安全防护的工具库、病毒库、漏洞库数量（个）", "平台安全防护的工具库、病毒库、漏洞库数量", "个", "num"),
    ("basic.security.mechanism", "basic", "平台服务能力", "安全防护服务", "是否有安全防护的保障机制", "是否有安全防护的保障机制", "", "bool"),
    ("basic.newtech.functions", "basic", "平台服务能力", "新技术应用服务", "基于人工智能、区块链、VR/AR/MR 等新技术的业务功能数量（个）", "基于人工智能、区块链、VR/AR/MR等新技术的业务功能数量", "个", "num"),
    ("basic.arch.cloud", "basic", "平台基础能力", "平台架构设计", "基于以下云计算架构提供服务：", "基于以下云计算架构提供服务", "", "cloud"),
    ("basic.arch.key_tech", "basic", "平台基础能力", "平台关键技术", "具有以下关键技术能力：", "具有以下关键技术能力", "", "keytech"),
    ("basic.output.rd_investment_wan", "basic", "平台投入产出能力", "平台研发投入", "近三年平台累计投资金额（万元）", "近三年平台累计投资金额", "万元", "num"),
    ("basic.output.revenue_wan", "basic", "平台投入产出能力", "平台产出效益", "2017 年平台营业收入（万元）", "2017年平台营业收入", "万元", "num"),
    ("basic.output.projects", "basic", "平台投入产出能力", "平台应用效果", "带动制造企业提质增效的已实施项目数量（个）", "带动制造企业提质增效的已实施项目数量", "个", "num"),
    ("basic.output.quality_audit", "basic", "平台投入产出能力", "平台质量审计", "是否具有明确的运行安全和质量审计机制", "是否具有明确的运行安全和质量审计机制", "", "bool"),

    ("industry.devices", "industry", "行业设备接入能力", None, "所申报行业的工业设备连接数量（台）（离散行业）或工艺流程数据采集点数量（个）（流程行业）", "所申报行业的工业设备连接数量或工艺流程数据采集点数量", "", "num"),
    ("industry.interfaces", "industry", "行业软件部署能力", None, "面向申报行业的软件集成接口数量（个）", "面向申报行业的软件集成接口数量", "个", "num"),
    ("industry.models", "industry", "行业软件部署能力", None, "面向申报行业的工业机理模型、微服务组件数量（个）", "面向申报行业的工业机理模型、微服务组件数量", "个", "num"),
    ("industry.apps", "industry", "行业软件部署能力", None, "面向申报行业的工业APP数量（个）", "面向申报行业的工业APP数量", "个", "num"),
    ("industry.enterprises", "industry", "行业用户覆盖能力（至少填写1个指标）", None, "所申报行业的企业用户数（个）", "所申报行业的企业用户数", "个", "num"),
    ("industry.coverage_pct", "industry", "行业用户覆盖能力（至少填写1个指标）", None, "所申报行业的企业用户覆盖率（%）", "所申报行业的企业用户覆盖率", "%", "pct"),

    ("domain.lifecycle_data", "domain", "关键数据打通能力", None, "是否具备产品全生命周期、各主体数据的打通", "是否具备产品全生命周期、各主体数据的打通", "", "bool"),
    ("domain.apps", "domain", "关键领域优化能力", None, "用于提升关键环节生产效率与产品质量，面向关键领域的工业软件和工业APP数量（个）", "用于提升关键环节生产效率与产品质量，面向关键领域的工业软件和工业APP数量", "个", "num"),

    ("region.agreement", "region", "区域地方合作能力", None, "在申报区域签订地方合作协议（注：须附合作协议）", "在申报区域签订地方合作协议", "", "bool"),
    ("region.apps", "region", "区域资源协同能力", None, "面向申报区域资源协同的工业软件和工业APP数量（个）", "面向申报区域资源协同的工业软件和工业APP数量", "个", "num"),
    ("region.enterprises", "region", "区域规模推广能力（至少填写1个指标）", None, "在申报区域的企业用户数量（个）", "在申报区域的企业用户数量", "个", "num"),
    ("region.coverage_pct", "region", "区域规模推广能力（至少填写1个指标）", None, "在申报区域的企业用户覆盖率（%）", "在申报区域的企业用户覆盖率", "%", "pct"),

    ("cross.industries.devices", "cross", "平台跨行业能力", None, "平台所接入工业设备覆盖的行业数量（个）（注1：连接不少于1万台工业设备（离散）或工艺流程数据采集点不少于1万个（流程）或行业覆盖度不低于10%的行业算有效行业）（注2：须提供分行业工业设备连接数或工艺流程数据采集点数量统计表）", "平台所接入工业设备覆盖的行业数量", "个", "num"),
    ("cross.industries.models", "cross", "平台跨行业能力", None, "平台所部署工业机理摸、微服务组件覆盖的行业数量（个）（注1：具有不少于50个工业机理摸、微服务组件的行业算有效行业）（注2：须提供分行业工业机理摸、微服务组件数量统计表）", "平台所部署工业机理模型、微服务组件覆盖的行业数量", "个", "num"),
    ("cross.industries.apps", "cross", "平台跨行业能力", None, "平台所部署工业 APP 覆盖的行业数量（个）（注1：具有不少于 50 个工业 APP 的行业算有效行业）（注2：须提供分行业工业 APP 数量数统计表）", "平台所部署工业APP覆盖的行业数量", "个", "num"),
    ("cross.industries.enterprises", "cross", "平台跨行业能力", None, "平台企业用户覆盖的行业数量（个）（注1：具有不少于 50 家工业企业的行业，或行业覆盖度不低于 10% 的行业算有效行业）（注2：须提供分行业工业企业用户数及证明材料）", "平台企业用户覆盖的行业数量", "个", "num"),
    ("cross.domains.apps", "cross", "平台跨领域能力", None, "平台所部署工业 APP 面向的领域数量（个）（注1：领域指研发设计、采购供应、生产制造、运营管理、企业管理、仓储物流、产品服务等）（注2：具有不少于 50 个工业 APP 的领域算有效领域）（注3：须提供分领域工业 APP 数量统计表）", "平台所部署工业APP面向的领域数量", "个", "num"),
    ("cross.domains.integrated", "cross", "平台跨领域能力", None, "能够实现不同环节、不同主体的数据打通、集成与共享的领域梳理（个）", "能够实现不同环节、不同主体的数据打通、集成与共享的领域数量", "个", "num"),
    ("cross.regions.entities", "cross", "平台跨区域能力", None, "平台在全国（华北、华东、华南、华中、西北、东北）主要区域注册运营实体的数量（个）", "平台在全国主要区域注册运营实体的数量", "个", "num"),
    ("cross.regions.enterprises", "cross", "平台跨区域能力", None, "平台企业用户覆盖的区域数量（个）（注1：具有不少于 50 家工业企业的区域算有效区域）（注2：须提供分区域工业设备连接数统计表）", "平台企业用户覆盖的区域数量", "个", "num"),
    ("cross.ops.team", "cross", "平台开放运营能力", "独立运营能力", "独立的运营团队人员数量（人）", "独立的运营团队人员数量", "人", "num"),
    ("cross.ops.third_party_dev_pct", "cross", "平台开放运营能力", "开放运营能力", "第三方开发者占平台开发者总数比例（%）", "第三方开发者占平台开发者总数比例", "%", "pct"),
    ("cross.security.ics", "cross", "平台安全可靠能力", "工控系统安全可靠", "是否具有工控系统安全防护机制", "是否具有工控系统安全防护机制", "", "bool"),
    ("cross.security.secure_parts", "cross", "平台安全可靠能力", "关键零部件安全可靠", "平台边缘计算或人工智能应用中，具备安全可靠机制的关键零部件数量（个）", "平台边缘计算或人工智能应用中，具备安全可靠机制的关键零部件数量", "个", "num"),
    ("cross.security.innovative_models", "cross", "平台安全可靠能力", "软件应用安全可靠", "平台创新开发工业机理模型、微服务组件（个）", "平台创新开发工业机理模型、微服务组件数量", "个", "num"),
    ("cross.security.innovative_apps", "cross", "平台安全可靠能力", "软件应用安全可靠", "平台创新开发工业 APP 数量（个）", "平台创新开发工业APP数量", "个", "num"),
]

ROW = {r[0]: r for r in ROWS}
ORDER = [r[0] for r in ROWS]

APPLIES = {  # SPEC §4: section applicability
    "basic": {"cross", "industry", "domain", "region"},
    "industry": {"cross", "industry"},
    "domain": {"cross", "domain"},
    "region": {"cross", "region"},
    "cross": {"cross"},
}

CLOUD_OPTIONS = [("public", "公有云"), ("private", "私有云"), ("hybrid", "混合云")]
KEYTECH_OPTIONS = [("protocol_compat", "设备协议兼容"), ("edge_computing", "边缘计算"),
                   ("data_fusion", "异构数据融合"), ("big_data_analytics", "工业大数据分析"),
                   ("app_dev_deploy", "工业应用软件开发与部署等"), ("other", "其他，请补充")]
ROLE_OPTIONS = [("iaas_paas", "IaaS 及通用 PaaS"), ("industrial_paas", "工业 PaaS"), ("saas", "SaaS"),
                ("security", "安全防护"), ("iot", "工业物联"), ("data_analytics", "数据处理及分析"),
                ("onsite_service", "现场实施及服务")]
TYPE_OPTIONS = [("industry", "特定行业工业互联网平台", "面向行业"), ("domain", "特定领域工业互联网平台", "面向领域"),
                ("region", "特定区域工业互联网平台", "面向区域"), ("cross", "跨行业跨领域工业互联网平台", None)]

NARRATIVE_HEADINGS = {
    "architecture": ("四、平台技术架构及方案介绍", "（包含但不限于平台架构技术方案、边缘计算技术方案、工业大数据技术方案、工业微服务技术方案、工业APP开发技术方案等。）"),
    "cases": ("五、平台应用案例和效果", "（选择几个特定工业场景，如设备管理优化、研发设计优化、运营管理优化、生产执行优化、产品全生命周期管理优化、供应链协同优化等，并描述相关使用情况和应用效果。）"),
    "regional": ("六、平台区域落地情况", "（描述工业互联网平台在地方落地情况，包括地方政府合作、区域企业整体上平台等情况。）"),
    "roadmap": ("七、平台下一步发展计划", "（包含但不限于技术升级、应用开发、开发者社区建设和培育、商业模式拓展等。）"),
}
EVIDENCE_HEADING = ("八、其他说明材料", "（包括但不限于客户服务合同、能够体现工业互联网平台运营情况的财务报告、产品专利和知识产权证书、申报通知发布日期前系统和软件运行日志等证明材料，以及企业运营资质等相关支撑材料，需具备对证明材料的现场演示能力。请列明清单，以附件形式附后。）")

ATTESTATION_TEXT = "我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。"
RECOMMEND_TEXT = "同意推荐该单位申报2018年工业互联网平台。"


def applicable(ind_id, ptype):
    return ptype in APPLIES[ROW[ind_id][1]]


# ---------------------------------------------------------------------------
# The dossiers
# ---------------------------------------------------------------------------
# Dates are (y, m, d) tuples; text fields that hold several paragraphs are lists of
# paragraph strings (a paragraph may hold "\n" for a soft line break). Indicator values are
# plain numbers / bools / lists; how a fixture prints them is the renderer's business.


def person(name, title, phone, mobile, email, fax):
    return {"name": name, "title": title, "phone": phone, "mobile": mobile, "email": email, "fax": fax}


def dossier_fx001():
    return {
        "submitted": (2018, 8, 17),
        "recommender": "广州市工业和信息化委员会",
        "applicant": {
            "name": "广州擎川工业互联网科技有限公司",
            "credit_code": credit_code("440112", "MA59C2RK"),
            "nature": "民营企业",
            "address": "广州市黄埔区开创大道2号擎川大厦",
            "founded": (2010, 6, 8),
            "platform_lead": person("周立衡", "董事长", "020-82001234", "13902010001", "zhoulh@qingchuan-iot.cn", "020-82001299"),
            "contact": person("罗雅琴", "平台运营部经理", "020-82001288", "13802230456", "luoyq@qingchuan-iot.cn", "020-82001299"),
            "finance": {"total_assets_wan": 98600, "debt_ratio_pct": 38.6, "credit_rating": "AA",
                        "sales_wan": 76300, "tax_wan": 4120, "profit_wan": 8950},
            "profile": [
                "（一）申报单位情况介绍",
                "广州擎川工业互联网科技有限公司成立于2010年，总部位于广州市黄埔区，主营工业设备联网、工业大数据分析和工业互联网平台运营，2017年实现营业收入7.63亿元，其中平台服务收入2.86亿元，服务企业用户5500余家。",
                "（二）申报单位核心竞争力介绍",
                "公司拥有研发人员620人，发明专利86项、软件著作权231项；自研边缘网关兼容260余种工业协议，已连接工业设备58万余台；组建320人的独立平台运营团队，在华南、华东、华中设有运营实体。",
            ],
        },
        "attestation": (2018, 8, 16),
        "partners": [
            {"name": "广州粤链数据科技有限公司", "credit_code": credit_code("440106", "MA5AK3RT"),
             "lead": "黄振宇", "title": "总经理", "mobile": "13560128846", "roles": ["data_analytics", "saas"]},
            {"name": "广东卫安工控信息安全技术有限公司", "credit_code": credit_code("440106", "69517283"),
             "lead": "何志刚", "title": "技术总监", "mobile": "13711452690", "roles": ["security"]},
        ],
        "platform": {
            "name": "擎川云工业互联网平台",
            "type": "cross", "focus": None, "sector": "discrete",
            "summary": [
                "珠三角离散制造企业设备联网率低、数据孤岛突出。擎川云定位为立足广东、辐射全国的跨行业跨领域工业互联网平台，提供设备接入、工业大数据分析、机理模型管理和低代码应用开发等能力。",
                "平台坚持建平台与用平台双轮驱动，以龙头企业带动产业链上下游中小企业上云用云。",
            ],
            "planned_investment_wan": 50000,
            "iaas": "self_built", "iaas_provider": None,
        },
        "indicators": {
            "basic.device.connected": 586300, "basic.device.edge": True, "basic.device.manageable": 712000,
            "basic.device.mgmt_functions": 32, "basic.software.cloud_software": 146, "basic.software.apps": 1860,
            "basic.software.monthly_subscriptions": 326000, "basic.software.models": 980,
            "basic.software.monthly_model_calls": 8640000, "basic.users.registered": 186400,
            "basic.users.active": 42600, "basic.users.enterprises": 5542, "basic.users.developers": 8600,
            "basic.users.service_functions": 36, "basic.data.mgmt_functions": 16, "basic.compute.db_types": 8,
            "basic.compute.realtime_gbps": 10.5, "basic.compute.bandwidth_mbps": 2000, "basic.compute.data_tb": 2860,
            "basic.devtools.tools": 48, "basic.devtools.monthly_calls": 268000, "basic.devtools.languages": 8,
            "basic.devtools.algorithms": 260, "basic.devtools.graphical": True, "basic.interop.software": 64,
            "basic.interop.models": 310, "basic.interop.apps": 520, "basic.security.modules": 52,
            "basic.security.libraries": 10, "basic.security.mechanism": True, "basic.newtech.functions": 36,
            "basic.arch.cloud": ["public", "private", "hybrid"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing", "data_fusion", "big_data_analytics"],
            "basic.output.rd_investment_wan": 62800, "basic.output.revenue_wan": 28600,
            "basic.output.projects": 960, "basic.output.quality_audit": True,
            "industry.devices": 182000, "industry.interfaces": 118, "industry.models": 168, "industry.apps": 412,
            "industry.enterprises": 1320, "industry.coverage_pct": 7.2,
            "domain.lifecycle_data": True, "domain.apps": 1270,
            "region.agreement": True, "region.apps": 320, "region.enterprises": 4120, "region.coverage_pct": 5.4,
            "cross.industries.devices": 7, "cross.industries.models": 5, "cross.industries.apps": 6,
            "cross.industries.enterprises": 7, "cross.domains.apps": 6, "cross.domains.integrated": 5,
            "cross.regions.entities": 3, "cross.regions.enterprises": 5, "cross.ops.team": 320,
            "cross.ops.third_party_dev_pct": 58.5, "cross.security.ics": True, "cross.security.secure_parts": 26,
            "cross.security.innovative_models": 460, "cross.security.innovative_apps": 1080,
        },
        "breakdowns": {
            "industries": [
                # name, devices, sensor_points, coverage_pct, models, apps, enterprises
                ("电子信息", 182000, 0, 7.2, 168, 412, 1320),
                ("家电", 136000, 0, 12.4, 142, 298, 860),
                ("汽车零部件", 98000, 0, 5.1, 116, 236, 540),
                ("五金制品", 54000, 0, 8.6, 74, 152, 410),
                ("家具", 23000, 0, 4.3, 52, 88, 260),
                ("纺织服装", 12600, 0, 2.8, 38, 64, 120),
                ("陶瓷建材", 8200, 0, 11.5, 46, 42, 36),
                ("医疗器械", 6400, 0, 3.2, 22, 18, 40),
            ],
            "domains": [("研发设计", 236, True), ("采购供应", 148, True), ("生产制造", 486, True),
                        ("运营管理", 204, True), ("企业管理", 96, False), ("仓储物流", 58, False),
                        ("产品服务", 42, True)],
            "regions": [("华南", True, 4120), ("华东", True, 860), ("华中", True, 312), ("华北", False, 146),
                        ("西南", False, 64), ("西北", False, 28), ("东北", False, 12)],
        },
        "narrative": {
            "architecture": [
                "总体架构。擎川云采用边缘层、IaaS层、工业PaaS层和应用层四层架构，IaaS层依托自建的黄埔数据中心，可为企业提供公有云、私有云和混合云三种部署方式。",
                "边缘计算方案。自研擎川边缘网关内置260余种工业协议驱动，支持毫秒级采集、本地规则引擎和断网续传。",
                "工业大数据与微服务方案。平台提供8类存储服务和批流一体的数据处理引擎，将故障诊断、工艺优化等知识封装为980个机理模型和微服务组件。",
            ],
            "cases": [
                "案例一：某汽车零部件企业设备管理优化。部署边缘网关和设备健康管理APP后，设备综合效率由67%提升至79%，非计划停机下降38%。",
                "案例二：某家电企业供应链协同优化。平台连接其260家供应商，库存周转天数由40天降至28天。",
            ],
            "regional": [
                "公司已与广州市黄埔区、佛山市顺德区、东莞市松山湖高新区签订工业互联网合作协议，在广东省内服务企业用户4120家。",
                "在黄埔区联合区工信部门开展千企上云行动，带动区内520余家企业上平台。",
            ],
            "roadmap": [
                "技术升级：未来三年投入5亿元，重点突破边缘智能和数字孪生，连接设备数量突破150万台。",
                "生态建设：新增机理模型和微服务组件1500个、工业APP 3000个，每年举办工业APP开发大赛。",
            ],
        },
        "evidence": [
            ("平台企业用户服务合同汇总表", "contracts-summary.pdf"),
            ("2017年度审计报告", "audit-report-2017.pdf"),
            ("分行业设备连接数及用户数统计证明", "industry-breakdown.pdf"),
            ("平台运行日志摘录（2018年1月至7月）", "platform-logs.pdf"),
        ],
    }


def dossier_fx002():
    return {
        "submitted": (2018, 8, 20),
        "recommender": "佛山市经济和信息化局",
        "applicant": {
            "name": "佛山陶联智造科技有限公司",
            "credit_code": credit_code("440604", "MA4W7T2L"),
            "nature": "民营企业",
            "address": "佛山市禅城区季华五路28号陶联大厦12楼",
            "founded": (2014, 9, 22),
            "platform_lead": person("冯国栋", "总经理", "0757-82260011", "13923100211", "fenggd@taolian-iot.com", "0757-82260099"),
            "contact": person("谭慧敏", "平台事业部副总监", "0757-82260035", "13531660872", "tanhm@taolian-iot.com", "0757-82260099"),
            "finance": {"total_assets_wan": 42800, "debt_ratio_pct": 45.3, "credit_rating": "AA",
                        "sales_wan": 31600, "tax_wan": 1860, "profit_wan": 2930},
            "profile": [
                "（一）申报单位情况介绍",
                "佛山陶联智造科技有限公司成立于2014年，专注建筑陶瓷行业的窑炉联网、能耗管理与智能制造服务，2017年营业收入3.16亿元，服务陶瓷企业600余家。",
                "（二）申报单位核心竞争力介绍",
                "公司深耕陶瓷行业十余年，沉淀了烧成曲线、球磨配料等工艺机理模型160余个，拥有发明专利32项，实施团队常驻佛山、肇庆、清远等陶瓷产区。",
            ],
        },
        "attestation": (2018, 8, 18),
        "recommend_date_filled": "2018年8月21日",
        "partners": [
            {"name": "华南窑炉装备技术（佛山）有限公司", "credit_code": credit_code("440605", "MA4UL2N6"),
             "lead": "区伟强", "title": "副总经理", "mobile": "13809261173", "roles": ["iot", "onsite_service"]},
            {"name": "广东数擎信息安全技术有限公司", "credit_code": credit_code("440106", "MA59P8WK"),
             "lead": "邝敏", "title": "总经理", "mobile": "18688452031", "roles": ["security"]},
        ],
        "platform": {
            "name": "陶联云建筑陶瓷工业互联网平台",
            "type": "industry", "focus": "建筑陶瓷", "sector": "mixed",
            "summary": [
                "建筑陶瓷是佛山的支柱产业，窑炉能耗高、工艺依赖经验。陶联云定位为服务全国建筑陶瓷行业的特定行业平台，打通球磨、压制、烧成、抛光全流程数据，帮助企业节能降耗、稳定品质。",
            ],
            "planned_investment_wan": 12000,
            "iaas": "self_built", "iaas_provider": None,
        },
        "indicators": {
            "basic.device.connected": 36800, "basic.device.sensor_points": 420000, "basic.device.edge": True,
            "basic.device.manageable": 41200, "basic.device.mgmt_functions": 18,
            "basic.software.cloud_software": 42, "basic.software.apps": 286,
            "basic.software.monthly_subscriptions": 38600, "basic.software.models": 164,
            "basic.software.monthly_model_calls": 1260000, "basic.users.registered": 28600,
            "basic.users.active": 6800, "basic.users.enterprises": 612, "basic.users.developers": 860,
            "basic.users.service_functions": 22, "basic.data.mgmt_functions": 12, "basic.compute.db_types": 5,
            "basic.compute.realtime_gbps": 2.4, "basic.compute.bandwidth_mbps": 500, "basic.compute.data_tb": 420,
            "basic.devtools.tools": 16, "basic.devtools.monthly_calls": 26800, "basic.devtools.languages": 5,
            "basic.devtools.algorithms": 86, "basic.devtools.graphical": True, "basic.interop.software": 12,
            "basic.interop.models": 46, "basic.interop.apps": 58, "basic.security.modules": 18,
            "basic.security.libraries": 4, "basic.security.mechanism": True, "basic.newtech.functions": 9,
            "basic.arch.cloud": ["private", "hybrid"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing", "big_data_analytics", "other"],
            "basic.output.rd_investment_wan": 18600, "basic.output.revenue_wan": 6420,
            "basic.output.projects": 186, "basic.output.quality_audit": True,
            "industry.devices": 36800, "industry.interfaces": 64, "industry.models": 152, "industry.apps": 248,
            "industry.enterprises": 586, "industry.coverage_pct": 38.5,
        },
        "narrative": {
            "architecture": [
                "平台由窑炉边缘采集层、陶瓷行业PaaS层和行业应用层组成，边缘层通过专用采集终端接入窑炉温控仪表、压机和抛光线PLC。",
                "行业PaaS层沉淀烧成曲线、配方优化等152个行业机理模型，支持图形化拖拽开发行业APP。",
            ],
            "cases": [
                "某陶瓷集团窑炉能耗优化：接入12条辊道窑后，单位产品天然气消耗下降7.8%，优等品率提升2.1个百分点。",
            ],
            "regional": [
                "平台已在佛山禅城、南海、三水以及肇庆、清远陶瓷产区落地，与禅城区政府签订陶瓷产业上云合作协议。",
            ],
            "roadmap": [
                "下一步将拓展卫浴、日用陶瓷等细分领域，建设陶瓷行业开发者社区，2020年服务企业用户超过1000家。",
            ],
        },
        "evidence": [
            ("企业用户服务合同清单", "contracts.pdf"),
            ("2017年度财务审计报告", "audit-2017.pdf"),
            ("禅城区陶瓷产业上云合作协议", "chancheng-agreement.pdf"),
        ],
    }


def dossier_fx003():
    return {
        "submitted": (2018, 8, 17),
        "recommender": "深圳市经济贸易和信息化委员会",
        "applicant": {
            "name": "深圳链智工业软件有限公司",
            "credit_code": credit_code("440300", "MA5EH7QN"),
            "nature": "民营企业",
            "address": "深圳市南山区粤海街道科技南十二路18号链智大厦9楼",
            "founded": (2012, 3, 15),
            "platform_lead": person("许嘉明", "董事长", "0755-86101100", "13802566100", "xujm@lianzhi-soft.cn", "0755-86101199"),
            "contact": person("吴婷", "市场与平台运营总监", "0755-86101188", "13714281920", "wut@lianzhi-soft.cn", "0755-86101199"),
            "finance": {"total_assets_wan": 26500, "debt_ratio_pct": 6.8, "credit_rating": "AA",
                        "sales_wan": 18900, "tax_wan": 1240, "profit_wan": 2360},
            "profile": [
                "深圳链智工业软件有限公司成立于2012年，是国家高新技术企业，专注于制造业供应链协同软件与平台服务，2017年营业收入1.89亿元。",
                "公司核心团队来自国内外知名工业软件企业，拥有软件著作权126项，平台服务电子、五金、塑胶等行业的供应商企业1.2万家。",
            ],
        },
        "attestation": (2018, 8, 17),
        "partners": [
            {"name": "深圳云岭数据科技有限公司", "credit_code": credit_code("440300", "MA5DQ4YB"),
             "lead": "钟海波", "title": "总经理", "mobile": "13926571264", "roles": ["iaas_paas", "data_analytics"]},
            {"name": "深圳安络工控安全技术有限公司", "credit_code": credit_code("440300", "MA5F0XKE"),
             "lead": "吕思远", "title": "副总裁", "mobile": "15013740958", "roles": ["security", "onsite_service"]},
        ],
        "platform": {
            "name": "链智供应链协同工业互联网平台",
            "type": "domain", "focus": "供应链协同", "sector": "discrete",
            "summary": [
                "链智平台面向制造业供应链协同领域，连接主机厂与上下游供应商，打通订单、物料、质量和物流数据，实现需求预测、协同计划和质量追溯。",
            ],
            "planned_investment_wan": 8000,
            "iaas": "self_built", "iaas_provider": None,
        },
        "indicators": {
            "basic.device.connected": 862400, "basic.device.edge": True, "basic.device.manageable": 862400,
            "basic.device.mgmt_functions": 14, "basic.software.cloud_software": 38, "basic.software.apps": 3260,
            "basic.software.monthly_subscriptions": 52800, "basic.software.models": 420,
            "basic.software.monthly_model_calls": 865000, "basic.users.registered": 46800,
            "basic.users.active": 12600, "basic.users.enterprises": 12000, "basic.users.developers": 1260,
            "basic.users.service_functions": 18, "basic.data.mgmt_functions": 10, "basic.compute.db_types": 6,
            "basic.compute.realtime_gbps": 1.2, "basic.compute.bandwidth_mbps": 1000, "basic.compute.data_tb": 186,
            "basic.devtools.tools": 22, "basic.devtools.monthly_calls": 41200, "basic.devtools.languages": 6,
            "basic.devtools.algorithms": 64, "basic.devtools.graphical": False, "basic.interop.software": 16,
            "basic.interop.models": 88, "basic.interop.apps": 240, "basic.security.modules": 24,
            "basic.security.libraries": 6, "basic.security.mechanism": True, "basic.newtech.functions": 12,
            "basic.arch.cloud": ["public", "hybrid"],
            "basic.arch.key_tech": ["protocol_compat", "data_fusion", "big_data_analytics", "app_dev_deploy"],
            "basic.output.rd_investment_wan": 15600, "basic.output.revenue_wan": 4860,
            "basic.output.projects": 318, "basic.output.quality_audit": True,
            "domain.lifecycle_data": True, "domain.apps": 1860,
        },
        "narrative": {
            "architecture": [
                "平台采用微服务架构，由供应链数据中台、协同业务中台和开放应用层组成，支持公有云和混合云部署。",
                "数据中台通过异构数据融合引擎对接企业ERP、MES和WMS系统，统一物料编码和质量数据标准。",
            ],
            "cases": [
                "某通信设备制造商协同计划：平台连接其380家供应商，缺料停线次数下降46%，采购周期缩短5天。",
                "某五金企业质量追溯：实现原材料批次到成品的全链路追溯，客诉处理时间由7天缩短到2天。",
            ],
            "regional": [
                "平台总部在深圳南山，在东莞、惠州设有服务中心，服务珠三角供应商企业8600余家。",
            ],
            "roadmap": [
                "计划引入区块链存证提升供应链金融服务能力，开放供应链协同API，建设供应链APP开发者社区。",
            ],
        },
        "evidence": [
            ("供应商企业用户服务合同汇总", "服务合同汇总.pdf"),
            ("2017年审计报告", "2017年审计报告.pdf"),
            ("软件著作权证书清单", "软件著作权清单.pdf"),
        ],
    }


def dossier_fx004():
    return {
        "submitted": (2018, 8, 19),
        "recommender": "东莞市经济和信息化局",
        "applicant": {
            "name": "东莞松湖智联科技有限公司",
            "credit_code": credit_code("441900", "MA4UJ6B3"),
            "nature": "混合所有制企业",
            "address": "东莞市松山湖高新技术产业开发区工业北路6号",
            "founded": (2015, 11, 6),
            "platform_lead": person("黎志坚", "总经理", "0769-22891100", "13829211100", "lizj@songhu-iiot.cn", "0769-22891199"),
            "contact": person("郑晓琳", "运营管理部经理", "0769-22891126", "13509238426", "zhengxl@songhu-iiot.cn", "0769-22891199"),
            "finance": {"total_assets_wan": 35200, "debt_ratio_pct": 52.4, "credit_rating": "A",
                        "sales_wan": 22600, "tax_wan": 1380, "profit_wan": 1920},
            "profile": [
                "东莞松湖智联科技有限公司由松山湖园区平台公司与本地智能装备企业共同出资成立，承担东莞市企业上云和智能制造公共服务平台的建设运营。",
                "公司现有员工310人，为东莞电子、五金、塑胶、家具等行业中小企业提供设备联网、数字化诊断和上云用云服务。",
            ],
        },
        "attestation": (2018, 8, 18),
        "partners": [
            {"name": "东莞云汇数据科技有限公司", "credit_code": credit_code("441900", "MA51R8KD"),
             "lead": "袁嘉俊", "title": "总经理", "mobile": "13650011827", "roles": ["iaas_paas", "industrial_paas"]},
            {"name": "广东松湖智能装备检测服务有限公司", "credit_code": credit_code("441900", "MA4WB2P7"),
             "lead": "叶少峰", "title": "技术总监", "mobile": "13728351096", "roles": ["iot", "onsite_service"]},
        ],
        "platform": {
            "name": "松湖智联区域工业互联网平台",
            "type": "region", "focus": "东莞市松山湖高新区及周边镇街", "sector": "discrete",
            "summary": [
                "平台定位为东莞市区域级工业互联网公共服务平台，面向松山湖及周边镇街的中小制造企业，提供低成本设备上云、数字化诊断和共享制造服务。",
            ],
            "planned_investment_wan": 15000,
            "iaas": "self_built", "iaas_provider": None,
        },
        "indicators": {
            "basic.device.connected": 126000, "basic.device.edge": True, "basic.device.manageable": 138000,
            "basic.device.mgmt_functions": 20, "basic.software.cloud_software": 56, "basic.software.apps": 410,
            "basic.software.monthly_subscriptions": 46000, "basic.software.models": 132,
            "basic.software.monthly_model_calls": 980000, "basic.users.registered": 32600,
            "basic.users.active": 8900, "basic.users.enterprises": 2360, "basic.users.developers": 640,
            "basic.users.service_functions": 24, "basic.data.mgmt_functions": 11, "basic.compute.db_types": 5,
            "basic.compute.realtime_gbps": 3.2, "basic.compute.bandwidth_mbps": 800, "basic.compute.data_tb": 560,
            "basic.devtools.tools": 18, "basic.devtools.monthly_calls": 32500, "basic.devtools.languages": 5,
            "basic.devtools.algorithms": 72, "basic.devtools.graphical": True, "basic.interop.software": 14,
            "basic.interop.models": 36, "basic.interop.apps": 62, "basic.security.modules": 20,
            "basic.security.libraries": 5, "basic.security.mechanism": True, "basic.newtech.functions": 8,
            "basic.arch.cloud": ["public", "private"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing", "data_fusion"],
            "basic.output.rd_investment_wan": 21800, "basic.output.revenue_wan": 5630,
            "basic.output.projects": 245, "basic.output.quality_audit": False,
            "region.agreement": True, "region.apps": 186, "region.enterprises": 1860, "region.coverage_pct": 12.5,
        },
        "narrative": {
            "architecture": [
                "平台采用“区域云+园区边缘节点”架构，在松山湖、长安、横沥设立边缘节点，就近接入企业设备数据。",
                "公共服务层提供设备管理、能耗监测、订单协同和共享工厂等通用应用。\n行业服务层由合作伙伴按行业提供专业应用。",
            ],
            "cases": [
                "某电子企业设备上云：接入SMT和注塑设备320台，设备利用率提升15%。",
                "共享制造：平台撮合闲置产能订单1860笔，带动周边镇街企业增收1.3亿元。",
            ],
            "regional": [
                "平台与东莞市经信局、松山湖管委会签订企业上云合作协议，列入东莞市企业上云服务商目录。\n截至2018年7月，区域内上平台企业1860家。",
            ],
            "roadmap": [
                "计划三年内覆盖东莞全部32个镇街，服务企业用户超过8000家，建设区域工业大数据中心。",
            ],
        },
        "evidence": [
            ("企业上云合作协议", "agreement.pdf"),
            ("区域企业用户清单", "users-list.pdf"),
            ("2017年度财务报表", "finance-2017.pdf"),
        ],
    }


def dossier_fx005():
    return {
        "submitted": (2018, 8, 21),
        "recommender": "茂名市经济和信息化局",
        "applicant": {
            "name": "茂名粤油智联科技有限公司",
            "credit_code": credit_code("440902", "MA4X3C8J"),
            "nature": "国有控股企业",
            "address": "茂名市茂南区油城五路16号",
            "founded": (2011, 7, 1),
            "platform_lead": person("梁海涛", "副总经理", "0668-2281100", "13902871100", "lianght@yueyou-iiot.cn", "0668-2281199"),
            "contact": person("陈嘉欣", "信息中心主任", "0668-2281128", "13580012845", "chenjx@yueyou-iiot.cn", "0668-2281199"),
            "finance": {"total_assets_wan": 68500, "debt_ratio_pct": 48.2, "credit_rating": "AAA",
                        "sales_wan": 52400, "tax_wan": 3680, "profit_wan": 5210},
            "profile": [
                "茂名粤油智联科技有限公司成立于2011年，服务粤西石化产业集群的生产装置数字化、安全环保监测和设备健康管理。",
                "公司拥有石化工艺、仪表自动化和数据分析专业人员260名，参与编制石化行业智能工厂地方标准2项。",
            ],
        },
        "attestation": (2018, 8, 20),
        "partners": [
            {"name": "广州石化数字技术服务有限公司", "credit_code": credit_code("440111", "MA5CM3UX"),
             "lead": "谢文斌", "title": "总工程师", "mobile": "13609012263", "roles": ["industrial_paas", "data_analytics", "onsite_service"]},
        ],
        "platform": {
            "name": "粤油智联石化工业互联网平台",
            "type": "industry", "focus": "石油化工", "sector": "process",
            "summary": [
                "平台面向石油化工行业，汇聚炼化装置DCS、SIS和在线分析仪数据，提供工艺优化、设备预测性维护和安全环保监测服务，助力粤西石化基地绿色化、智能化发展。",
            ],
            "planned_investment_wan": 20000,
            "iaas": "leased", "iaas_provider": "阿里云计算有限公司",
        },
        "indicators": {
            "basic.device.sensor_points": 1260000, "basic.device.edge": True, "basic.device.manageable": 18600,
            "basic.device.mgmt_functions": 16, "basic.software.cloud_software": 28, "basic.software.apps": 168,
            "basic.software.monthly_subscriptions": 12800, "basic.software.models": 236,
            "basic.software.monthly_model_calls": 2150000, "basic.users.registered": 9600,
            "basic.users.active": 3100, "basic.users.enterprises": 186, "basic.users.developers": 320,
            "basic.users.service_functions": 15, "basic.data.mgmt_functions": 13, "basic.compute.db_types": 6,
            "basic.compute.realtime_gbps": 4.8, "basic.compute.bandwidth_mbps": 1000, "basic.compute.data_tb": 1260,
            "basic.devtools.tools": 14, "basic.devtools.monthly_calls": 8600, "basic.devtools.languages": 4,
            "basic.devtools.algorithms": 96, "basic.devtools.graphical": False, "basic.interop.software": 8,
            "basic.interop.models": 42, "basic.interop.apps": 30, "basic.security.modules": 32,
            "basic.security.libraries": 8, "basic.security.mechanism": True, "basic.newtech.functions": 11,
            "basic.arch.cloud": ["private"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing", "data_fusion", "big_data_analytics", "app_dev_deploy"],
            "basic.output.rd_investment_wan": 24600, "basic.output.revenue_wan": 7860,
            "basic.output.projects": 96, "basic.output.quality_audit": True,
            "industry.devices": 980000, "industry.interfaces": 86, "industry.models": 212, "industry.apps": 142,
            "industry.enterprises": 164, "industry.coverage_pct": 21.6,
        },
        "narrative": {
            "architecture": [
                "平台采用私有云部署于租用的阿里云专属区域，边缘侧部署防爆型采集网关，经单向网闸采集DCS、SIS数据，保障生产控制网安全。",
                "工艺机理层集成常减压、催化裂化、乙烯裂解等装置的机理模型，与数据驱动模型融合实现实时优化。",
            ],
            "cases": [
                "某炼厂催化裂化装置优化：应用实时优化模型后，轻油收率提高0.6个百分点，年增效益约3200万元。",
                "某化工企业机泵预测性维护：监测机泵1800台，非计划停车减少40%。",
            ],
            "regional": [
                "平台服务茂名、湛江、惠州大亚湾石化基地企业164家，与茂名高新区签订石化产业互联网合作框架协议。",
            ],
            "roadmap": [
                "下一步建设石化行业工业APP商店，开发安全环保监管应用，推动平台在全省石化园区推广。",
            ],
        },
        "evidence": [
            ("石化企业用户服务合同汇总", "contracts.pdf"),
            ("阿里云服务协议", "iaas-agreement.pdf"),
            ("平台运行日志摘录", "run-logs.pdf"),
        ],
    }


def dossier_fx006():
    return {
        "submitted": None,  # 申报日期 left blank on the cover
        "recommender": "中国电子信息产业集团有限公司",
        "applicant": {
            "name": "中电智造（深圳）工业互联网有限公司",
            "credit_code": credit_code("440304", "MA5D8N2F"),
            "nature": "中央企业下属企业",
            "address": "深圳市福田区华富路1018号中电大厦26楼",
            "founded": (2016, 4, 12),
            "platform_lead": person("宋振华", "总经理", "0755-83001100", "13902980011", "songzh@cec-iiot.com.cn", "0755-83001199"),
            "contact": person("邓丽", "平台运营部总监", "0755-83001166", "13823569802", "dengli@cec-iiot.com.cn", "0755-83001199"),
            "finance": {"total_assets_wan": 126000, "debt_ratio_pct": 55.6, "credit_rating": "AAA",
                        "sales_wan": 86400, "tax_wan": 5230, "profit_wan": 9860},
            "profile": [
                "中电智造（深圳）工业互联网有限公司是中国电子信息产业集团在粤设立的工业互联网专业公司，依托集团自主可控的芯片、操作系统和网络安全产品，提供安全可靠的工业互联网平台服务。",
            ],
        },
        "attestation": None,  # 公章： 年 月 日 left unfilled
        "partners": [
            {"name": "深圳中电长城网络安全技术有限公司", "credit_code": credit_code("440300", "MA5DJ7K1"),
             "lead": "冯志远", "title": "总经理", "mobile": "13510876420", "roles": ["security"]},
            {"name": "广州中电智能装备服务有限公司", "credit_code": credit_code("440113", "MA59T4HG"),
             "lead": "朱伟", "title": "副总经理", "mobile": "13922317645", "roles": ["iot", "onsite_service", "saas"]},
        ],
        "platform": {
            "name": "中电智造工业互联网平台",
            "type": "cross", "focus": None, "sector": "discrete",
            "summary": [
                "平台以安全可靠为特色，面向电子信息、装备制造、汽车零部件等行业提供设备接入、工业数据分析和工业APP服务，打造自主可控的跨行业跨领域工业互联网平台。",
            ],
            "planned_investment_wan": 80000,
            "iaas": "self_built", "iaas_provider": None,
        },
        "unreadable": {"basic.device.manageable": "约50余万台"},
        "blank": ["basic.devtools.monthly_calls"],
        "indicators": {
            "basic.device.connected": 420000, "basic.device.edge": True,
            "basic.device.mgmt_functions": 28, "basic.software.cloud_software": 120, "basic.software.apps": 1380,
            "basic.software.monthly_subscriptions": 210000, "basic.software.models": 760,
            "basic.software.monthly_model_calls": 5200000, "basic.users.registered": 96000,
            "basic.users.active": 24800, "basic.users.enterprises": 3380, "basic.users.developers": 5200,
            "basic.users.service_functions": 30, "basic.data.mgmt_functions": 15, "basic.compute.db_types": 7,
            "basic.compute.realtime_gbps": 8, "basic.compute.bandwidth_mbps": 1600, "basic.compute.data_tb": 1800,
            "basic.devtools.tools": 36, "basic.devtools.languages": 7,
            "basic.devtools.algorithms": 180, "basic.devtools.graphical": True, "basic.interop.software": 40,
            "basic.interop.models": 210, "basic.interop.apps": 360, "basic.security.modules": 86,
            "basic.security.libraries": 16, "basic.security.mechanism": True, "basic.newtech.functions": 24,
            "basic.arch.cloud": ["private", "hybrid"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing", "data_fusion", "big_data_analytics", "app_dev_deploy"],
            "basic.output.rd_investment_wan": 48000, "basic.output.revenue_wan": 19800,
            "basic.output.projects": 620, "basic.output.quality_audit": True,
            "industry.devices": 156000, "industry.interfaces": 96, "industry.models": 142, "industry.apps": 318,
            "industry.enterprises": 960, "industry.coverage_pct": 4.6,
            "domain.lifecycle_data": True, "domain.apps": 980,
            "region.agreement": True, "region.apps": 260, "region.enterprises": 2100, "region.coverage_pct": 2.8,
            "cross.industries.devices": 5, "cross.industries.models": 4, "cross.industries.apps": 5,
            "cross.industries.enterprises": 4, "cross.domains.apps": 5, "cross.domains.integrated": 4,
            "cross.regions.entities": 4, "cross.regions.enterprises": 4, "cross.ops.team": 260,
            "cross.ops.third_party_dev_pct": 41.5, "cross.security.ics": True, "cross.security.secure_parts": 64,
            "cross.security.innovative_models": 380, "cross.security.innovative_apps": 720,
        },
        "breakdowns": {
            "industries": [
                ("电子信息", 156000, None, 4.6, 142, 318, 960),
                ("装备制造", 98000, None, 3.9, 126, 260, 720),
                ("汽车零部件", 72000, None, 5.2, 96, 214, 480),
                ("船舶海工", 8600, None, 14.2, 64, 72, 42),
                ("轨道交通", 12400, None, 6.1, 38, 56, 36),
                ("航空航天", 4200, None, 2.2, 30, 40, 18),
            ],
            "domains": [("研发设计", 260, True), ("生产制造", 412, True), ("运营管理", 180, True),
                        ("仓储物流", 96, False), ("产品服务", 64, True), ("采购供应", 32, False)],
            "regions": [("华南", True, 2100), ("华东", True, 620), ("华北", True, 380), ("华中", True, 216),
                        ("西南", False, 48), ("西北", False, 16)],
        },
        "narrative": {
            "architecture": [
                "平台基于自主可控的服务器、操作系统和数据库构建，采用云边协同架构，边缘侧部署具备可信启动能力的安全网关。",
                "平台内置工控安全态势感知模块，对接入设备和数据流进行全程安全审计。",
            ],
            "cases": [
                "某装备制造企业：接入数控机床2600台，刀具寿命预测准确率达到92%，刀具成本下降18%。",
            ],
            "regional": [
                "平台在深圳、广州、武汉、北京、上海设有运营主体，在广东省内服务企业用户2100家。",
            ],
            "roadmap": [
                "下一步推进国产化工业软件上云，建设安全可靠工业APP验证中心，三年内服务企业用户突破1万家。",
            ],
        },
        "evidence": [
            ("服务合同汇总表", "contracts.pdf"),
            ("安全可靠产品认证证书", "certificates.pdf"),
        ],
    }


def dossier_fx008():
    return {
        "submitted": (2018, 8, 16),
        "recommender": "珠海市经济和信息化局",
        "applicant": {
            "name": "珠海海联智造科技有限公司",
            "credit_code": credit_code("440402", "MA4WD6E5"),
            "nature": "民营企业",
            "address": "珠海市香洲区唐家湾镇港湾大道科技五路8号",
            "founded": (2013, 5, 20),
            "platform_lead": person("杨振东", "总经理", "0756-3391100", "13702830010", "yangzd@hailian-iiot.cn", "0756-3391199"),
            "contact": person("刘佩琪", "平台运营经理", "0756-3391128", "13690017523", "liupq@hailian-iiot.cn", "0756-3391199"),
            "finance": {"total_assets_wan": 18600, "debt_ratio_pct": 33.5, "credit_rating": "A",
                        "sales_wan": 12800, "tax_wan": 760, "profit_wan": 1150},
            "profile": [
                "珠海海联智造科技有限公司成立于2013年，为珠海西部生态新区及周边企业提供设备联网、生产管理和企业上云服务。",
                "公司是珠海市企业上云服务商，现有员工180人，服务本地企业900余家。",
            ],
        },
        "attestation": (2018, 8, 15),
        "partners": [
            {"name": "珠海横琴云港数据服务有限公司", "credit_code": credit_code("440400", "MA4UR2T9"),
             "lead": "邹凯", "title": "总经理", "mobile": "13823012876", "roles": ["iaas_paas"]},
        ],
        "platform": {
            "name": "海联区域工业互联网平台",
            "type": "region", "focus": "珠海市西部生态新区（斗门区、金湾区）", "sector": "discrete",
            "summary": [
                "平台面向珠海西部生态新区的装备制造、电子电器和生物医药企业，提供设备上云、能耗管理和产业链协同服务，支撑区域制造业转型升级。",
            ],
            "planned_investment_wan": 6000,
            "iaas": "leased", "iaas_provider": "中国电信股份有限公司珠海分公司",
        },
        "indicators": {
            "basic.device.connected": 28600, "basic.device.edge": True, "basic.device.manageable": 31000,
            "basic.device.mgmt_functions": 12, "basic.software.cloud_software": 24, "basic.software.apps": 126,
            "basic.software.monthly_subscriptions": 9800, "basic.software.models": 58,
            "basic.software.monthly_model_calls": 186000, "basic.users.registered": 8600,
            "basic.users.active": 2300, "basic.users.enterprises": 920, "basic.users.developers": 150,
            "basic.users.service_functions": 12, "basic.data.mgmt_functions": 8, "basic.compute.db_types": 4,
            "basic.compute.realtime_gbps": 0.8, "basic.compute.bandwidth_mbps": 300, "basic.compute.data_tb": 96,
            "basic.devtools.tools": 9, "basic.devtools.monthly_calls": 6200, "basic.devtools.languages": 4,
            "basic.devtools.algorithms": 40, "basic.devtools.graphical": True, "basic.interop.software": 6,
            "basic.interop.models": 12, "basic.interop.apps": 20, "basic.security.modules": 10,
            "basic.security.libraries": 3, "basic.security.mechanism": True, "basic.newtech.functions": 4,
            "basic.arch.cloud": ["public"],
            "basic.arch.key_tech": ["protocol_compat", "edge_computing"],
            "basic.output.rd_investment_wan": 5200, "basic.output.revenue_wan": 1860,
            "basic.output.projects": 88, "basic.output.quality_audit": True,
            "region.agreement": True, "region.apps": 64, "region.enterprises": 860, "region.coverage_pct": 9.6,
        },
        "narrative": {
            "architecture": [
                "平台租用电信云资源部署，采用边缘网关加云端SaaS的轻量化架构，降低中小企业上云门槛。",
                "云端提供设备监控、能耗管理、生产报工等标准化应用，支持按需订阅。",
            ],
            "cases": [
                "某电器企业能耗管理：接入电表和空压机后，单位产值能耗下降9%。",
            ],
            "regional": [
                "平台与斗门区、金湾区经信部门签订企业上云合作协议。\n区域内上平台企业860家。",
            ],
            "roadmap": [
                "下一步扩展至珠海高新区和横琴新区，建设区域产业链协同应用。",
            ],
        },
        "evidence": [
            ("企业上云合作协议", "agreement.pdf"),
            ("企业用户清单", "users.pdf"),
        ],
    }


DOSSIERS = {
    "FX-001": dossier_fx001,
    "FX-002": dossier_fx002,
    "FX-003": dossier_fx003,
    "FX-004": dossier_fx004,
    "FX-005": dossier_fx005,
    "FX-006": dossier_fx006,
    "FX-008": dossier_fx008,
}

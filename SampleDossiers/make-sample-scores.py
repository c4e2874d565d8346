#!/usr/bin/env python3
"""Writes SampleDossiers/sample-scores.csv: complete, plausible sheets from six experts.

Deterministic (fixed seed). Each dossier has a quality level; each expert a mild bias; each
item gets max × (quality + bias + noise) on the 0.5 grid. Dossiers with a compliance error
are not scored (they are ineligible); E07 is the demo expert and has no sheets; E04 does
not score GD2018-012 (affiliation conflict). E05 marks GD2018-012's defence far lower than
the others, so the ranking shows a deviation (偏离) flag.

Run from the repository root: python3 SampleDossiers/make-sample-scores.py
"""
import csv
import random
import yaml

QUALITY = {
    # cross: 8 eligible, 5 places
    "GD2018-001": 0.89, "GD2018-002": 0.86, "GD2018-003": 0.74, "GD2018-004": 0.76,
    "GD2018-005": 0.81, "GD2018-006": 0.71, "GD2018-007": 0.67, "GD2018-009": 0.72,
    # specific: 15 eligible, 10 places, some below the threshold of 60
    "GD2018-010": 0.79, "GD2018-011": 0.77, "GD2018-012": 0.87, "GD2018-013": 0.68,
    "GD2018-014": 0.80, "GD2018-015": 0.75, "GD2018-016": 0.81, "GD2018-017": 0.52,
    "GD2018-018": 0.72, "GD2018-019": 0.74, "GD2018-020": 0.55, "GD2018-027": 0.61,
    "GD2018-028": 0.70, "GD2018-029": 0.83, "GD2018-030": 0.73,
}
EXPERTS = {"E01": 0.00, "E02": 0.03, "E03": -0.02, "E04": 0.01, "E05": -0.03, "E06": 0.02}
CONFLICTS = {("E04", "GD2018-012")}
DEVIANT = ("E05", "GD2018-012", "defence", 0.50)
COMMENTS = [
    "数据与证明材料基本一致。", "指标填报完整，佐证材料充分。", "建议补充近一年运行日志。",
    "行业覆盖有一定广度，但有效行业数偏少。", "案例效果描述具体，可信度较高。", "开发者生态尚在起步阶段。",
    "安全防护机制较完善。", "部分指标口径需现场核实。", "区域落地情况较好。", "答辩思路清晰，回答问题到位。",
]


def half_steps(value, maximum):
    value = max(0.0, min(maximum, value))
    return round(value * 2) / 2


def text(points):
    return str(int(points)) if points == int(points) else str(points)


def main():
    rubric = yaml.safe_load(open("Sources/IIPCore/Resources/rubric.yaml", encoding="utf-8"))
    types = {}
    for dossier_id in QUALITY:
        types[dossier_id] = yaml.safe_load(open(f"SampleDossiers/{dossier_id}.yaml", encoding="utf-8"))["platform"]["type"]
    rng = random.Random(20180822)
    rows = []
    for expert, bias in EXPERTS.items():
        for dossier_id, quality in QUALITY.items():
            if (expert, dossier_id) in CONFLICTS:
                continue
            for stage in rubric["stages"]:
                weights = stage.get("section_weights", {}).get(types[dossier_id])
                level = quality + bias
                if (expert, dossier_id, stage["id"]) == DEVIANT[:3]:
                    level = DEVIANT[3]
                for section in stage["sections"]:
                    if weights is not None and not weights.get(section["id"]):
                        continue
                    for item in section["items"]:
                        points = half_steps(item["max"] * (level + rng.uniform(-0.06, 0.06)), item["max"])
                        comment = rng.choice(COMMENTS) if rng.random() < 0.12 else ""
                        if (expert, dossier_id, stage["id"]) == DEVIANT[:3] and item["id"] == "defence.cases":
                            comment = "现场演示与申报案例出入较大，部分效果数据无法佐证。"
                        rows.append([expert, dossier_id, stage["id"], item["id"], text(points), comment])
    with open("SampleDossiers/sample-scores.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["expert", "dossier", "stage", "item", "points", "comment"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows")


if __name__ == "__main__":
    main()

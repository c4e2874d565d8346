"""Independent figures for AnalyzeTests, computed once from the sample round plus E07's
scores (E07-scores.csv) and committed as expected.json; the build never runs this.

    iipeval init ws --dossiers SampleDossiers --panel SampleDossiers/panel.yaml
    iipeval scores import ws SampleDossiers/sample-scores.csv
    iipeval scores import ws Tests/Fixtures/analysis/E07-scores.csv
    iipeval scores export ws > scores.csv; iipeval rank ws --format json > rank.json
    python3 expected.py scores.csv rank.json > expected.json

Stage scores follow the rules as the notice states them (section weights by platform type,
trimmed mean from 5 sheets), in exact fractions; ICC(A,1) by McGraw & Wong's two-way ANOVA
and Kendall's W with the tie correction, with numpy and scipy.
"""
import csv, json, sys
from fractions import Fraction
import numpy as np
from scipy.stats import rankdata

SECTIONS = {"basic": ["device", "software", "users", "data", "compute", "devtools", "interop", "security", "newtech", "architecture", "output"],
            "industry": ["devices", "software", "users"], "domain": ["data", "optimization"],
            "region": ["cooperation", "synergy", "adoption"], "cross": ["industries", "domains", "regions", "operations", "security"]}
WEIGHTS = {"industry": {"basic": 60, "industry": 40}, "domain": {"basic": 60, "domain": 40}, "region": {"basic": 60, "region": 40},
           "cross": {"basic": 40, "industry": 10, "domain": 10, "region": 10, "cross": 30}}
STAGE_ITEMS = {"defence": ["positioning", "technology", "cases", "ecosystem", "qa"], "site": ["authenticity", "demo", "team", "management"],
               "test": ["maturity", "completeness", "compatibility", "security"]}
EXPERTS = ["E01", "E02", "E03", "E04", "E05", "E06", "E07"]

scores_file, rank_file = sys.argv[1], sys.argv[2]
types = {e["id"]: e["type"] for g in json.load(open(rank_file))["groups"] for e in g["entries"]}
points = {}
for row in csv.DictReader(open(scores_file, encoding="utf-8-sig")):
    if row["points"]:
        points[(row["expert"], row["dossier"], row["stage"], row["item"])] = Fraction(row["points"])

def sheet(expert, dossier, stage):
    """The expert's stage score, or None while an applicable item has no points."""
    if stage == "written":
        total = Fraction(0)
        for section, weight in WEIGHTS[types[dossier]].items():
            items = [points.get((expert, dossier, stage, f"{section}.{i}")) for i in SECTIONS[section]]
            if None in items: return None
            total += weight * sum(items) / 100
        return total
    items = [points.get((expert, dossier, stage, f"{stage}.{i}")) for i in STAGE_ITEMS[stage]]
    return None if None in items else sum(items)

def panel(values):
    values = sorted(values)
    if len(values) >= 5: values = values[1:-1]
    return sum(values) / len(values)

def half_away(x, places=2):
    scaled = abs(x) * 10**places
    whole = int(scaled + Fraction(1, 2))
    text = f"{whole // 10**places}.{whole % 10**places:0{places}d}"
    return ("-" if x < 0 and whole else "") + text

def icc_a1(X):
    n, k = X.shape; g = X.mean()
    msr = k * ((X.mean(1) - g) ** 2).sum() / (n - 1)
    msc = n * ((X.mean(0) - g) ** 2).sum() / (k - 1)
    mse = ((X - X.mean(1, keepdims=True) - X.mean(0, keepdims=True) + g) ** 2).sum() / ((n - 1) * (k - 1))
    return (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)

def kendall_w(X):
    n, k = X.shape
    R = np.column_stack([rankdata(X[:, j]) for j in range(k)])
    S = ((R.sum(1) - R.sum(1).mean()) ** 2).sum()
    T = sum(((c ** 3 - c).sum() for c in (np.unique(X[:, j], return_counts=True)[1] for j in range(k))))
    return 12 * S / (k * k * (n ** 3 - n) - k * T)

out = {"stages": [], "experts": []}
dossiers = sorted(types)
for stage in ["written", "defence", "site", "test"]:
    sheets = {d: {e: sheet(e, d, stage) for e in EXPERTS} for d in dossiers}
    rows = [[float(sheets[d][e]) for e in EXPERTS] for d in dossiers if None not in sheets[d].values()]
    X = np.array(rows)
    out["stages"].append({"stage": stage, "dossiers": len(rows), "icc_a1": icc_a1(X), "kendall_w": kendall_w(X)})
    panels = {d: panel([v for v in sheets[d].values() if v is not None]) for d in dossiers if any(v is not None for v in sheets[d].values())}
    for e in EXPERTS:
        diffs = [sheets[d][e] - panels[d] for d in panels if sheets[d][e] is not None]
        out["experts"].append({"expert": e, "stage": stage, "sheets": len(diffs),
                               "leniency": half_away(sum(diffs) / len(diffs)) if diffs else None})
print(json.dumps(out, indent=2))

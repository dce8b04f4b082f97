"""Reference values for common/stats/did.ts (difference-in-differences), computed independently.

Run once with Debian's python3 (statsmodels 0.13.5, scipy 1.10.1, pandas 1.5.3):
    /usr/bin/python3 tests/common/stats/reference/make_did_reference.py
Writes did_reference.json beside this file; the Vitest tests read only that JSON.

Cluster-robust numbers come from statsmodels WLS with C(unit) + C(period) dummies and
cov_type='cluster' (CR1, t with G - 1 df). The size-adjusted inference (Ferman & Pinto 2019) is
not in statsmodels: it uses the statsmodels residuals, and its variance function is the maximum
of the Gamma quasi-likelihood under a, b >= 0 found with scipy (checked against statsmodels' GLM
where that converges); the rest is numpy/scipy.

Optional input argv[1]: the bundled sample's region x day panel as CSV (country, region, d, users,
payments, active), written with DuckDB straight from datasets/sample/*.parquet:
    WITH u AS (SELECT user_id, country, region FROM read_parquet('users.parquet') WHERE study = 'rollout'),
    p AS (SELECT user_id, CAST(ts + to_minutes(CASE country WHEN 'IN' THEN 330 ELSE -180 END) AS DATE) AS d
          FROM read_parquet('payments.parquet') WHERE status = 'SUCCESS'),
    days AS (SELECT CAST(range AS DATE) AS d FROM range(DATE '2024-08-05', DATE '2024-10-28', INTERVAL 1 DAY)),
    ru AS (SELECT country, region, count(*) AS users FROM u GROUP BY ALL),
    agg AS (SELECT u.country, u.region, p.d, count(*) AS payments, count(DISTINCT p.user_id) AS active
            FROM p JOIN u USING (user_id) GROUP BY ALL)
    SELECT ru.country, ru.region, days.d, ru.users, coalesce(a.payments, 0) AS payments, coalesce(a.active, 0) AS active
    FROM ru CROSS JOIN days LEFT JOIN agg a ON a.region = ru.region AND a.d = days.d AND a.country = ru.country
The JSON keeps it compactly (users per region, payments per region-day, window 2024-08-05 .. 2024-10-13).
"""
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import optimize, stats

warnings.simplefilter("ignore")
OUT = Path(__file__).with_name("did_reference.json")


def synthetic(seed, units, treated, periods, start, drop=0.0, effect=0.3):
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", periods=periods).strftime("%Y-%m-%d").tolist()
    rows = []
    for u in range(units):
        name = f"U{u:02d}"
        size = int(rng.integers(5, 400))
        level = rng.normal(0, 1)
        for t, d in enumerate(days):
            if drop > 0 and rng.random() < drop:
                continue
            eff = effect if (u < treated and d >= days[start]) else 0.0
            y = 2 + level + 0.5 * np.sin(t / 3) + eff + rng.normal(0, 2 / np.sqrt(size)) + rng.normal(0, 0.05)
            rows.append({"unit": name, "period": d, "outcome": float(y), "weight": float(size)})
    return {"cells": rows, "treatedUnits": [f"U{u:02d}" for u in range(treated)], "treatmentStart": days[start]}


def frame(case):
    df = pd.DataFrame(case["cells"])
    df["tr"] = df.unit.isin(case["treatedUnits"])
    return df


def fit(df, extras):
    formula = "outcome ~ C(unit) + C(period)" + "".join(f" + {e}" for e in extras)
    groups = pd.factorize(df.unit)[0]
    return smf.wls(formula, data=df, weights=df.weight).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)


def variance_function(squares, sizes):
    """v(M) = a + b/M: Gamma quasi-likelihood maximised under a, b >= 0.

    statsmodels' GLM (Gamma, identity link) IRLS cycles on some of these panels (converged=False),
    so the maximum is found with scipy: a profile search (bounded Brent over a, inner over b),
    polished by solving the score equations; where the GLM converges it must agree.
    """
    y = np.asarray(squares, dtype=float)
    m = np.asarray(sizes, dtype=float)
    ll = lambda a, b: float(np.sum(-y / (a + b / m) - np.log(a + b / m)))
    b_only = {"a": 0.0, "b": float(np.mean(y * m)), "form": "b/m", "parameters": 1}
    a_only = {"a": float(np.mean(y)), "b": 0.0, "form": "a", "parameters": 1}
    sa, sb = a_only["a"], b_only["b"]

    def inner(a):
        r = optimize.minimize_scalar(lambda b: -ll(a, b), bounds=(1e-12 * sb, 20 * sb), method="bounded", options={"xatol": 1e-14 * sb})
        return r.x, -r.fun

    ra = optimize.minimize_scalar(lambda a: -inner(a)[1], bounds=(0.0, sa), method="bounded", options={"xatol": 1e-14 * sa})
    a, b = ra.x, inner(ra.x)[0]
    score = lambda p: [np.sum((y - (p[0] + p[1] / m)) / (p[0] + p[1] / m) ** 2) / sa ** -1,
                       np.sum((y - (p[0] + p[1] / m)) / ((p[0] + p[1] / m) ** 2 * m)) / sb ** -1]
    if a > 1e-9 * sa:
        root = optimize.root(lambda p: score([p[0] * sa, p[1] * sb]), [a / sa, b / sb], method="hybr", options={"xtol": 1e-15})
        if root.success and root.x[0] > 0 and root.x[1] > 0:
            a, b = root.x[0] * sa, root.x[1] * sb
    X = np.column_stack([np.ones(len(m)), 1 / m])
    glm = sm.GLM(y, X, family=sm.families.Gamma(link=sm.families.links.identity())).fit(tol=1e-14, maxiter=1000)
    if glm.converged and glm.params[0] > 0 and glm.params[1] > 0:
        assert np.allclose(glm.params, [a, b], rtol=1e-6), (glm.params, a, b)
    # A part below 1e-9 of its one-part scale is on the boundary: the one-part fits are those maxima.
    interior = a > 1e-9 * sa and b > 1e-9 * sb
    cands = [({"a": a, "b": b, "form": "a+b/m", "parameters": 2}, ll(a, b) if interior else -np.inf),
             (b_only, ll(0.0, b_only["b"])), (a_only, ll(a_only["a"], 0.0))]
    return max(cands, key=lambda c: c[1])[0]


def omega_sq_v(df, f):
    sizes = df.groupby("unit").weight.mean()
    tr = df.groupby("unit").tr.first()
    v = f["a"] + f["b"] / sizes
    total = 0.0
    for g in (True, False):
        s = sizes[tr == g]
        total += float(((s / s.sum()) ** 2 * v[tr == g]).sum())
    return total


def size_adjusted(df, resid, est, before, after, conf):
    d = df.assign(e=resid)
    ctrl = d[~d.tr]
    a = ctrl[after(ctrl)].groupby("unit").e.mean()
    b = ctrl[before(ctrl)].groupby("unit").e.mean()
    contrast = (a - b).dropna()
    sizes = df.groupby("unit").weight.mean()[contrast.index]
    f = variance_function(contrast.values ** 2, sizes.values)
    se = np.sqrt(omega_sq_v(df, f))
    dof = len(contrast) - f["parameters"]
    q = stats.t.ppf(1 - (1 - conf) / 2, dof)
    t = est / se
    return {"standardError": se, "df": dof, "statistic": t, "pValue": 2 * stats.t.sf(abs(t), dof),
            "ci": [est - q * se, est + q * se], "varianceFunction": f}


def did(case, conf=0.95):
    df = frame(case)
    start = case["treatmentStart"]
    df["treat"] = (df.tr & (df.period >= start)).astype(float)
    m = fit(df, ["treat"])
    est = m.params["treat"]
    ci = m.conf_int(alpha=1 - conf).loc["treat"].tolist()
    G = df.unit.nunique()
    # statsmodels' t df for clustered covariance is G - 1; check it through the interval.
    assert abs((ci[1] - est) / m.bse["treat"] - stats.t.ppf(1 - (1 - conf) / 2, G - 1)) < 1e-9
    post = lambda x: x.period >= start
    pre = lambda x: x.period < start
    sized = size_adjusted(df, m.resid, est, pre, post, conf)
    base = m.fittedvalues - est * df.treat
    series = []
    for p, g in df.assign(base=base).groupby("period"):
        t, c = g[g.tr], g[~g.tr]
        if len(t) == 0 or len(c) == 0:
            continue
        series.append({"period": p, "treated": np.average(t.outcome, weights=t.weight),
                       "control": np.average(c.outcome, weights=c.weight),
                       "counterfactual": np.average(t.base, weights=t.weight)})
    gaps = [(s["treated"] - s["counterfactual"]) ** 2 for s in series if s["period"] < start]
    return {"estimate": est,
            "clusterRobust": {"standardError": m.bse["treat"], "df": G - 1, "statistic": m.tvalues["treat"],
                              "pValue": m.pvalues["treat"], "ci": ci},
            "sizeAdjusted": sized, "observations": int(m.nobs), "parameters": int(m.df_model + 1),
            "series": series, "preFitRmse": float(np.sqrt(np.mean(gaps)))}


def pretrend(case, bin_size=7):
    df = frame(case)
    start = case["treatmentStart"]
    pre_periods = sorted(df.period[df.period < start].unique())
    n = len(pre_periods)
    count = n // bin_size
    # position i of n pre-periods: bin floor((i - n)/bin_size), early leftovers join bin -count
    bin_of = {p: max(int(np.floor((i - n) / bin_size)), -count) for i, p in enumerate(pre_periods)}
    df["bin"] = df.period.map(bin_of)
    leads = [-2 - j for j in range(count - 1)]
    names = []
    for b in leads:
        name = f"lead{-b}"
        df[name] = (df.tr & (df.bin == b)).astype(float)
        names.append(name)
    df["treat"] = (df.tr & (df.period >= start)).astype(float)
    m = fit(df, names + ["treat"])
    G = df.unit.nunique()
    w = m.wald_test(", ".join(f"{x} = 0" for x in names), use_f=True)
    q = len(names)
    # Size-adjusted Hotelling test from the control units' residual contrasts.
    d = df.assign(e=m.resid)
    ctrl = d[~d.tr]
    ref = ctrl[ctrl.bin == -1].groupby("unit").e.mean()
    E = pd.concat([ctrl[ctrl.bin == b].groupby("unit").e.mean() - ref for b in leads], axis=1).dropna()
    sizes = df.groupby("unit").weight.mean()[E.index].values
    f = variance_function((E.values ** 2).mean(axis=1), sizes)
    h = f["a"] + f["b"] / sizes
    U = E.values / np.sqrt(h)[:, None]
    nu = len(E) - 1
    S = U.T @ U / nu
    c = omega_sq_v(df, f)
    bvec = m.params[names].values
    t2 = float(bvec @ np.linalg.solve(c * S, bvec))
    fstat = (nu - q + 1) / (nu * q) * t2
    return {"binSize": bin_size,
            "leads": [{"bin": b, "estimate": m.params[x], "standardError": m.bse[x]} for b, x in zip(leads, names)],
            "clusterRobust": {"f": float(np.squeeze(w.fvalue)), "df1": int(w.df_num), "df2": int(w.df_denom), "pValue": float(w.pvalue)},
            "sizeAdjusted": {"wald": t2, "f": fstat, "df1": q, "df2": nu - q + 1, "pValue": stats.f.sf(fstat, q, nu - q + 1),
                             "varianceFunction": f}}


def placebo(case):
    pre = [c for c in case["cells"] if c["period"] < case["treatmentStart"]]
    periods = sorted({c["period"] for c in pre})
    fake = periods[len(periods) // 2]
    return {"placeboStart": fake, **did({**case, "cells": pre, "treatmentStart": fake})}


def sample_case(path, country, first):
    """The sample's region x day panel, kept compact in the JSON (users per region, payments per cell)."""
    df = pd.read_csv(path)
    df = df[(df.country == country) & (df.d < "2024-10-14")]
    units = sorted(df.region.unique())
    periods = sorted(df.d.unique())
    wide = df.pivot(index="region", columns="d", values="payments").loc[units, periods]
    users = df.groupby("region").users.first().loc[units]
    compact = {"units": units, "periods": periods, "users": [int(x) for x in users],
               "payments": [[int(x) for x in row] for row in wide.values]}
    return {"compact": compact, "treatedUnits": [first], "treatmentStart": "2024-09-02"}


def expand(case):
    """Cells of a compact case: outcome = payments / users (payments per user-day), weight = users."""
    if "compact" not in case:
        return case
    c = case["compact"]
    cells = [{"unit": u, "period": p, "outcome": c["payments"][i][j] / c["users"][i], "weight": float(c["users"][i])}
             for i, u in enumerate(c["units"]) for j, p in enumerate(c["periods"])]
    return {**case, "cells": cells}


def main():
    cases = {
        "balanced": synthetic(1, 12, 2, 28, 14),
        "unbalanced": synthetic(2, 14, 3, 30, 16, drop=0.08),
        "oneTreated": synthetic(3, 20, 1, 42, 28),
        "manyTreated": synthetic(4, 24, 12, 21, 14),
    }
    if len(sys.argv) > 1:
        cases["sampleIN"] = sample_case(sys.argv[1], "IN", "IN-KA")
        cases["sampleBR"] = sample_case(sys.argv[1], "BR", "BR-MG")
    out = {"generator": "tests/common/stats/reference/make_did_reference.py",
           "versions": {"statsmodels": sm.__version__, "pandas": pd.__version__, "numpy": np.__version__,
                        "scipy": __import__("scipy").__version__},
           "cases": {}}
    for name, case in cases.items():
        full = expand(case)
        out["cases"][name] = {"input": case, "did": did(full), "pretrend": pretrend(full), "placebo": placebo(full)}
    OUT.write_text(json.dumps(out, default=float, indent=None, separators=(",", ":")))
    print("wrote", OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()

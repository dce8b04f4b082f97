#!/usr/bin/env python3
"""Reference values for tests/common/stats, computed independently of the TypeScript code.

Run once (needs scipy 1.17, numpy 2.x, mpmath; CI never runs this):
    python3 tests/common/stats/reference/make_reference.py > tests/common/stats/reference/values.json
The statsmodels part lives in make_reference_statsmodels.py (Debian's python3-statsmodels runs
under /usr/bin/python3, whose numpy differs from this interpreter's).

How each block is computed:
- distributions: scipy.special / scipy.stats (Boost and Cephes implementations); ln B from
  mpmath at 40 digits.
- welch: scipy.stats.ttest_ind(equal_var=False) on raw samples; the TS side only gets n, Σy, Σy².
- relative lift, ratio metrics, CUPED: from the raw arrays with numpy (influence functions,
  least squares with arm dummies), then scipy for the t/normal tails.
- srm: scipy.stats.chisquare.  bh: scipy.stats.false_discovery_control.
- bayesian: numerical integration of prior × likelihood (scipy.integrate.quad), not the
  conjugate formulas.
- sequential: the normal mixture martingale integrated numerically over the mixing parameter
  and inverted with brentq, not the closed-form boundary.
"""
import json
import sys

import mpmath
import numpy as np
import scipy
from scipy import integrate, optimize, special, stats

rng = np.random.default_rng(20261127)


def sums(y):
    y = np.asarray(y, dtype=float)
    return {"n": int(y.size), "sum": float(y.sum()), "sumSq": float((y * y).sum())}


def joint(y, x):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    return {"n": int(y.size), "sumY": float(y.sum()), "sumY2": float((y * y).sum()), "sumX": float(x.sum()),
            "sumX2": float((x * x).sum()), "sumXY": float((x * y).sum())}


def tail_inference(est, se, df, alternative, confidence):
    dist = stats.norm if df is None else stats.t(df)
    stat = est / se
    alpha = 1 - confidence
    if alternative == "two-sided":
        p = 2 * dist.sf(abs(stat))
        h = dist.ppf(1 - alpha / 2) * se
        ci = [est - h, est + h]
    elif alternative == "greater":
        p = dist.sf(stat)
        ci = [est - dist.ppf(1 - alpha) * se, None]
    else:
        p = dist.cdf(stat)
        ci = [None, est + dist.ppf(1 - alpha) * se]
    return {"estimate": est, "standardError": se, "statistic": stat, "pValue": float(p), "ci": ci}


# ---------------------------------------------------------------- distributions
def distributions():
    mpmath.mp.dps = 40
    xs = [-38.0, -20.0, -8.5, -3.0, -1.959963984540054, -1.0, -0.25, 0.0, 1e-8, 0.5, 1.3, 2.7, 6.0, 9.0]
    ps = [1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.025, 0.2, 0.5, 0.6, 0.9, 0.975, 0.999, 1 - 1e-10]
    dfs = [0.5, 1.0, 2.0, 2.5, 7.0, 30.0, 1000.0, 6866.3, 1e5, 1e7, 1e9]
    ts = [-40.0, -6.0, -2.32, -1.0, -0.05, 0.7, 2.0, 3.5]
    tps = [1e-12, 1e-4, 0.005, 0.025, 0.3, 0.5, 0.8, 0.975, 0.995]
    return {
        "normalCdf": [[x, float(stats.norm.cdf(x))] for x in xs],
        "normalSf": [[x, float(stats.norm.sf(x))] for x in xs],
        "normalQuantile": [[p, float(stats.norm.ppf(p))] for p in ps],
        "studentTCdf": [[t, df, float(stats.t.cdf(t, df))] for df in dfs for t in ts],
        "studentTQuantile": [[p, df, float(stats.t.ppf(p, df))] for df in dfs for p in tps],
        "chiSquareSf": [[x, k, float(stats.chi2.sf(x, k))] for k in [1, 2, 3, 5, 17] for x in [0.001, 0.5, 3.84, 10.83, 40.0, 300.0]],
        "chiSquareCdf": [[x, k, float(stats.chi2.cdf(x, k))] for k in [1, 4] for x in [0.001, 0.5, 3.84, 10.0]],
        "logGamma": [[x, float(special.gammaln(x))] for x in [1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 9.99, 10.0, 14.5, 15.0, 120.3, 1e6]],
        "regularizedGammaP": [[a, x, float(special.gammainc(a, x))] for a in [0.5, 1.0, 4.5, 30.0] for x in [0.01, 1.0, 5.0, 40.0]],
        "regularizedGammaQ": [[a, x, float(special.gammaincc(a, x))] for a in [0.5, 1.0, 4.5, 30.0] for x in [0.01, 1.0, 5.0, 40.0]],
        # mpmath at 40 digits: scipy.special.betaln(3433.15, 0.5) is off by 9e-12 absolute
        "logBeta": [[a, b, float(mpmath.log(mpmath.beta(mpmath.mpf(a), mpmath.mpf(b))))] for a, b in [(0.5, 0.5), (2.0, 3.0), (0.5, 12.0), (15.0, 0.5), (12.0, 40.0), (3433.15, 0.5), (1e6, 2.5)]],
        "regularizedBeta": [[x, a, b, float(special.betainc(a, b, x))] for a, b in [(0.5, 0.5), (2.0, 3.0), (10.0, 0.5), (3433.15, 0.5), (40.0, 60.0)] for x in [1e-6, 0.1, 0.5, 0.9, 0.9992]],
    }


# ---------------------------------------------------------------- welch
def welch_case(name, ctrl, treat, alternative="two-sided", confidence=0.95):
    r = stats.ttest_ind(treat, ctrl, equal_var=False, alternative=alternative)
    ci = r.confidence_interval(confidence_level=confidence)
    lo = None if np.isinf(ci.low) else float(ci.low)
    hi = None if np.isinf(ci.high) else float(ci.high)
    mc, mt = ctrl.mean(), treat.mean()
    vc, vt = ctrl.var(ddof=1) / ctrl.size, treat.var(ddof=1) / treat.size
    rel_se = float(np.sqrt(vt / mc**2 + mt**2 * vc / mc**4))
    return {
        "name": name, "alternative": alternative, "confidence": confidence,
        "control": sums(ctrl), "treatment": sums(treat),
        "df": float(r.df), "statistic": float(r.statistic), "pValue": float(r.pvalue), "ci": [lo, hi],
        "estimate": float(mt - mc), "standardError": float(np.sqrt(vc + vt)),
        "relative": tail_inference(float(mt / mc - 1), rel_se, float(r.df), alternative, confidence),
    }


def welch():
    payments_c = rng.poisson(0.41, 3407).astype(float)
    payments_t = rng.poisson(0.47, 3461).astype(float)
    tpv_c = np.round(rng.lognormal(np.log(125), 1.8, 900) * (rng.random(900) < 0.3), 2)
    tpv_t = np.round(rng.lognormal(np.log(125), 1.8, 1300) * (rng.random(1300) < 0.33), 2)
    small_c = np.array([3.1, 2.2, 5.0, 4.4, 1.0])
    small_t = np.array([6.0, 2.5, 7.7])
    cases = [
        welch_case("payments per user (Poisson)", payments_c, payments_t),
        welch_case("payments, one-sided greater, 90%", payments_c, payments_t, "greater", 0.90),
        welch_case("payments, one-sided less, 99%", payments_c, payments_t, "less", 0.99),
        welch_case("tpv INR, skewed, unequal n", tpv_c, tpv_t),
        welch_case("tiny samples (df ≈ 3)", small_c, small_t),
        welch_case("negative lift", payments_t, payments_c),
    ]
    # DOMAIN.md §7 example, given as sums only: scipy from the implied means and SDs.
    n1, s1, q1 = 3407, 1396.87, 52377.9767
    n2, s2, q2 = 3461, 2422.7, 134698.29
    m1, m2 = s1 / n1, s2 / n2
    sd1 = np.sqrt((q1 - s1 * s1 / n1) / (n1 - 1))
    sd2 = np.sqrt((q2 - s2 * s2 / n2) / (n2 - 1))
    r = stats.ttest_ind_from_stats(m2, sd2, n2, m1, sd1, n1, equal_var=False)
    domain = {"control": {"n": n1, "sum": s1, "sumSq": q1}, "treatment": {"n": n2, "sum": s2, "sumSq": q2},
              "statistic": float(r.statistic), "pValue": float(r.pvalue)}
    return {"cases": cases, "domainExample": domain}


# ---------------------------------------------------------------- proportions (scipy part)
def proportions():
    out = []
    for name, (xc, nc, xt, nt) in {
        "adoption India (2.1% → 2.6%)": (412, 19620, 515, 19803),
        "Hillstrom conversion (0.57% → 1.25%)": (122, 21306, 268, 21387),
        "small arms": (3, 40, 9, 38),
    }.items():
        pc, pt = xc / nc, xt / nt
        vc, vt = pc * (1 - pc) / nc, pt * (1 - pt) / nt
        chi2, p_pooled, _, _ = stats.chi2_contingency([[xt, nt - xt], [xc, nc - xc]], correction=False)
        out.append({
            "name": name, "control": {"n": nc, "successes": xc}, "treatment": {"n": nt, "successes": xt},
            "pooledChiSquare": float(chi2), "pooledPValue": float(p_pooled),
            "relative": tail_inference(pt / pc - 1, float(np.sqrt(vt / pc**2 + pt**2 * vc / pc**4)), None, "two-sided", 0.95),
        })
    return out


# ---------------------------------------------------------------- ratio metric
def ratio_metric():
    def arm(n, rate):
        days = rng.integers(1, 15, n).astype(float)  # active days (denominator)
        pays = rng.poisson(rate * days).astype(float)  # payments (numerator)
        return pays, days

    yc, xc = arm(2500, 0.30)
    yt, xt = arm(2600, 0.33)

    def est(y, x):
        r = y.sum() / x.sum()
        psi = (y - r * x) / x.mean()  # influence function of the ratio
        return r, psi.var(ddof=1) / y.size

    rc, vc = est(yc, xc)
    rt, vt = est(yt, xt)
    return {
        "control": joint(yc, xc), "treatment": joint(yt, xt),
        "controlRatio": rc, "controlVariance": vc, "treatmentRatio": rt, "treatmentVariance": vt,
        "absolute": tail_inference(rt - rc, float(np.sqrt(vc + vt)), None, "two-sided", 0.95),
        "relative": tail_inference(rt / rc - 1, float(np.sqrt(vt / rc**2 + rt**2 * vc / rc**4)), None, "two-sided", 0.95),
    }


# ---------------------------------------------------------------- CUPED
def cuped():
    def arm(n, lift):
        pre = rng.gamma(2.0, 3.0, n)  # pre-period payments
        post = 0.8 * pre + rng.normal(1.0 + lift, 2.5, n)
        return post, pre

    yc, xc = arm(3000, 0.0)
    yt, xt = arm(3100, 0.35)
    # θ: OLS slope of y on x with one intercept per arm (pooled within-arm regression)
    design = np.column_stack([np.concatenate([xc, xt]), np.r_[np.ones(xc.size), np.zeros(xt.size)], np.r_[np.zeros(xc.size), np.ones(xt.size)]])
    coef, *_ = np.linalg.lstsq(design, np.concatenate([yc, yt]), rcond=None)
    theta = float(coef[0])
    xbar = np.concatenate([xc, xt]).mean()
    ac, at = yc - theta * (xc - xbar), yt - theta * (xt - xbar)
    r = stats.ttest_ind(at, ac, equal_var=False)
    ci = r.confidence_interval(0.95)
    raw = stats.ttest_ind(yt, yc, equal_var=False)
    se_adj = float(np.sqrt(ac.var(ddof=1) / ac.size + at.var(ddof=1) / at.size))
    se_raw = float(np.sqrt(yc.var(ddof=1) / yc.size + yt.var(ddof=1) / yt.size))
    mc, mt = ac.mean(), at.mean()
    vc, vt = ac.var(ddof=1) / ac.size, at.var(ddof=1) / at.size
    return {
        "control": joint(yc, xc), "treatment": joint(yt, xt), "theta": theta,
        "adjustedMeans": [float(mc), float(mt)], "adjustedVariances": [float(ac.var(ddof=1)), float(at.var(ddof=1))],
        "df": float(r.df), "statistic": float(r.statistic), "pValue": float(r.pvalue), "ci": [float(ci.low), float(ci.high)],
        "varianceReduction": 1 - se_adj**2 / se_raw**2, "unadjustedStandardError": se_raw, "unadjustedPValue": float(raw.pvalue),
        "relative": tail_inference(float(mt / mc - 1), float(np.sqrt(vt / mc**2 + mt**2 * vc / mc**4)), float(r.df), "two-sided", 0.95),
    }


# ---------------------------------------------------------------- SRM, BH
def srm():
    cases = [([50110, 49890], [50, 50]), ([5120, 4880], [1, 1]), ([5250, 4750], [1, 1]), ([3407, 3461], [1, 1]), ([10300, 9950, 20100], [1, 1, 2]), ([821, 1702], [1, 2])]
    out = []
    for obs, w in cases:
        exp = np.array(w, float) / sum(w) * sum(obs)
        r = stats.chisquare(obs, exp)
        out.append({"observed": obs, "weights": w, "expected": exp.tolist(), "chiSquare": float(r.statistic), "pValue": float(r.pvalue)})
    return out


P_FAMILIES = [
    [0.01, 0.04, 0.03, 0.005, 0.2],
    [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34],
    [0.5, 0.5, 0.01, 0.01, 1.0],
    [0.0],
]


def bh():
    return [{"pValues": p, "adjusted": stats.false_discovery_control(p, method="bh").tolist()} for p in P_FAMILIES]


# ---------------------------------------------------------------- Bayesian (numerical integration)
def bayesian():
    cases = [(0.29, 0.1249, None), (0.29, 0.1249, (0.0, 0.1)), (-0.012, 0.02, (0.01, 0.05)), (0.03, 0.05, (0.0, 0.3)), (0.0008, 0.0004, (0.0, 0.001))]
    out = []
    for est, se, prior in cases:
        prior_pdf = (lambda l: 1.0) if prior is None else (lambda l, m=prior[0], s=prior[1]: stats.norm.pdf(l, m, s))
        post = lambda l: prior_pdf(l) * stats.norm.pdf(est, l, se)  # noqa: E731
        lo, hi = est - 40 * se, est + 40 * se
        pts = [est, 0.0] + ([prior[0]] if prior else [])
        pts = [p for p in pts if lo < p < hi]
        q = lambda f: integrate.quad(f, lo, hi, points=pts, epsabs=0, epsrel=1e-13, limit=400)[0]  # noqa: E731
        z = q(post)
        mean = q(lambda l: l * post(l)) / z
        sd = np.sqrt(q(lambda l: (l - mean) ** 2 * post(l)) / z)
        win = integrate.quad(post, 0, hi, epsabs=0, epsrel=1e-13, limit=400)[0] / z if hi > 0 else 0.0
        risk_t = integrate.quad(lambda l: -l * post(l), lo, 0, epsabs=0, epsrel=1e-13, limit=400)[0] / z if lo < 0 else 0.0
        risk_c = integrate.quad(lambda l: l * post(l), 0, hi, epsabs=0, epsrel=1e-13, limit=400)[0] / z if hi > 0 else 0.0
        cdf = lambda v: integrate.quad(post, lo, v, epsabs=0, epsrel=1e-13, limit=400)[0] / z  # noqa: E731
        ci = [optimize.brentq(lambda v: cdf(v) - a, lo, hi, xtol=1e-15, rtol=1e-14) for a in (0.025, 0.975)]
        out.append({"estimate": est, "standardError": se, "prior": None if prior is None else {"mean": prior[0], "sd": prior[1]},
                    "posteriorMean": mean, "posteriorSd": float(sd), "chanceToWin": win,
                    "risk": {"treatment": risk_t, "control": risk_c}, "credibleInterval": ci})
    return out


# ---------------------------------------------------------------- sequential (mixture martingale, numerically)
def sequential():
    mpmath.mp.dps = 30

    def mixture(s, v, rho):
        # ∫ exp(λ s − λ² v / 2) N(λ; 0, 1/ρ) dλ, by mpmath quadrature
        f = lambda lam: mpmath.exp(lam * s - lam**2 * v / 2) * mpmath.sqrt(rho / (2 * mpmath.pi)) * mpmath.exp(-rho * lam**2 / 2)  # noqa: E731
        peak = s / (v + rho)
        width = 1 / mpmath.sqrt(v + rho)
        return mpmath.quad(f, [-mpmath.inf, peak - 10 * width, peak, peak + 10 * width, mpmath.inf])

    out = []
    for est, se, n, conf, tuning in [(0.29, 0.1249, 6868, 0.95, 5000), (0.29, 0.1249, 6868, 0.9, 20000), (0.004, 0.0021, 40000, 0.95, 5000), (1.5, 2.0, 12, 0.95, 5000)]:
        alpha = 1 - conf
        l = 2 * np.log(1 / alpha)
        rho = tuning / (l + np.log(1 + l))  # Howard et al. / Waudby-Smith et al. tuning (a constant)
        sigma = se * np.sqrt(n)
        boundary = float(mpmath.findroot(lambda s: mpmath.log(mixture(s, n, rho)) - mpmath.log(1 / alpha), (mpmath.mpf(0), 20 * mpmath.sqrt(n + rho)), solver='anderson'))
        s_obs = est * n / sigma
        p = min(1.0, float(1 / mixture(s_obs, n, rho)))
        half = boundary * sigma / n
        out.append({"estimate": est, "standardError": se, "sampleSize": n, "confidence": conf, "tuningSampleSize": tuning,
                    "rho": rho, "halfWidth": half, "ci": [est - half, est + half], "pValue": p})
    return out


values = {
    "generator": "tests/common/stats/reference/make_reference.py",
    "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mpmath.__version__},
    "distributions": distributions(),
    "welch": welch(),
    "proportions": proportions(),
    "ratioMetric": ratio_metric(),
    "cuped": cuped(),
    "srm": srm(),
    "benjaminiHochberg": bh(),
    "bayesian": bayesian(),
    "sequential": sequential(),
}
json.dump(values, sys.stdout, indent=1, allow_nan=False)
print()

#!/usr/bin/env python3
"""statsmodels reference values for tests/common/stats (proportions, Holm/BH, power planning).

Run once with Debian's interpreter, which has python3-statsmodels (CI never runs this):
    /usr/bin/python3 tests/common/stats/reference/make_reference_statsmodels.py \
        > tests/common/stats/reference/statsmodels.json
"""
import json
import sys

import numpy as np
import scipy
import statsmodels
from scipy import optimize
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (confint_proportions_2indep, power_proportions_2indep,
                                          proportions_ztest, test_proportions_2indep)

PROPORTION_CASES = {
    "adoption India (2.1% → 2.6%)": (412, 19620, 515, 19803),
    "Hillstrom conversion (0.57% → 1.25%)": (122, 21306, 268, 21387),
    "small arms": (3, 40, 9, 38),
}


def proportions():
    out = []
    for name, (xc, nc, xt, nt) in PROPORTION_CASES.items():
        wald = test_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff")
        lo, hi = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", alpha=0.05)
        lo90, hi90 = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", alpha=0.10)
        z_pooled, p_pooled = proportions_ztest([xt, xc], [nt, nc])
        z_greater, p_greater = proportions_ztest([xt, xc], [nt, nc], alternative="larger")
        out.append({"name": name, "control": {"n": nc, "successes": xc}, "treatment": {"n": nt, "successes": xt},
                    "waldStatistic": float(wald.statistic), "waldPValue": float(wald.pvalue), "ci95": [float(lo), float(hi)],
                    "ci90": [float(lo90), float(hi90)], "pooledStatistic": float(z_pooled), "pooledPValue": float(p_pooled),
                    "pooledGreaterPValue": float(p_greater)})
    return out


P_FAMILIES = [
    [0.01, 0.04, 0.03, 0.005, 0.2],
    [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34],
    [0.5, 0.5, 0.01, 0.01, 1.0],
    [0.0],
]


def multiple():
    return [{"pValues": p, "holm": multipletests(p, method="holm")[1].tolist(), "bh": multipletests(p, method="fdr_bh")[1].tolist()} for p in P_FAMILIES]


def power_means():
    out = []
    analysis = NormalIndPower()
    for sd, mde, alpha, power, ratio, n_c in [(1.0, 0.5, 0.05, 0.8, 1.0, 64), (2.47, 0.1, 0.05, 0.8, 1.0, 5000), (38.0, 2.5, 0.01, 0.9, 2.0, 8000), (0.9, 0.02, 0.05, 0.8, 0.25, 40000)]:
        es = mde / sd
        out.append({"sd": sd, "mde": mde, "alpha": alpha, "power": power, "ratio": ratio, "controlSize": n_c,
                    "powerAtSize": float(analysis.power(effect_size=es, nobs1=n_c, alpha=alpha, ratio=ratio)),
                    # solve_power's own tolerance is loose; brentq on NormalIndPower.power is not
                    "exactControlSize": optimize.brentq(lambda n: analysis.power(es, n, alpha, ratio=ratio) - power, 1e-3, 1e9, xtol=1e-12, rtol=1e-14),
                    "mdeAtSize": optimize.brentq(lambda e: analysis.power(e, n_c, alpha, ratio=ratio) - power, 1e-9, 100.0, xtol=1e-16, rtol=1e-14) * sd})
    return out


def power_proportions():
    # statsmodels' group 1 is treatment (prop1 = prop2 + diff), nobs2 = ratio_sm * nobs1,
    # so with our n_T = r n_C: nobs1 = r n_C and ratio_sm = 1 / r.
    def pw(baseline, diff, n_c, r, alpha):
        return float(power_proportions_2indep(diff, baseline, r * n_c, ratio=1 / r, alpha=alpha, return_results=True).power)

    out = []
    for baseline, mde, alpha, power, ratio, n_c in [(0.021, 0.005, 0.05, 0.8, 1.0, 20000), (0.0057, 0.0068, 0.05, 0.8, 2.0, 20000), (0.106, 0.02, 0.01, 0.9, 1.0, 3000), (0.4, -0.05, 0.05, 0.8, 0.5, 1500)]:
        n_exact = optimize.brentq(lambda n: pw(baseline, mde, n, ratio, alpha) - power, 1.0, 1e9, xtol=1e-10, rtol=1e-14)
        mde_at = optimize.brentq(lambda d: pw(baseline, d, n_c, ratio, alpha) - power, 1e-12, (1 - baseline) * (1 - 1e-12), xtol=1e-16, rtol=1e-14)
        out.append({"baseline": baseline, "mde": mde, "alpha": alpha, "power": power, "ratio": ratio, "controlSize": n_c,
                    "powerAtSize": pw(baseline, mde, n_c, ratio, alpha), "exactControlSize": n_exact, "mdeAtSize": mde_at})
    return out


values = {
    "generator": "tests/common/stats/reference/make_reference_statsmodels.py",
    "versions": {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
    "proportions": proportions(),
    "multipleTesting": multiple(),
    "powerMeans": power_means(),
    "powerProportions": power_proportions(),
}
json.dump(values, sys.stdout, indent=1, allow_nan=False)
print()

"""Small statistics for learning gain, without SciPy.

The interval for the mean gain is the paired t interval: each trainee's gain is post − pre, and
the mean of n such differences has a t distribution with n − 1 degrees of freedom when the
differences are roughly normal. That is the textbook interval for a pre/post design on the same
people, it needs no random numbers (the same data give the same interval on every page and in
every export), and by the central limit theorem it holds well for the class sizes of the
programme (a course version usually gathers 30 or more trainees). The t quantile is found by
bisection on the t distribution's CDF, written with the regularised incomplete beta function.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t value below which a share `p` of the distribution lies (0 < p < 1)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be between 0 and 1")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class Gain:
    """Learning gain of n trainees with both a pre- and a post-test score (out of 100)."""

    n: int
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    ci_low: float | None  # the paired t interval for the mean gain; None below 2 trainees
    ci_high: float | None
    confidence: float
    normalised_gain: float | None  # Hake's <g>: mean gain over mean room to improve

    def as_dict(self) -> dict[str, float | int | str | None]:
        return {
            "n": self.n,
            "mean_pre": self.mean_pre,
            "mean_post": self.mean_post,
            "mean_gain": self.mean_gain,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "confidence": self.confidence,
            "normalised_gain": self.normalised_gain,
            "interval": "paired t",
        }


def learning_gain(pairs: Sequence[tuple[float, float]], confidence: float = 0.95) -> Gain:
    """Mean gain (post − pre) with its paired t confidence interval."""
    n = len(pairs)
    if n == 0:
        return Gain(0, None, None, None, None, None, confidence, None)
    pre = sum(p for p, _q in pairs) / n
    post = sum(q for _p, q in pairs) / n
    diffs = [q - p for p, q in pairs]
    mean = sum(diffs) / n
    room = 100.0 - pre
    normalised = round(mean / room, 3) if room > 0 else None
    low = high = None
    if n >= 2:
        sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
        half = t_quantile(0.5 + confidence / 2.0, n - 1) * sd / math.sqrt(n)
        low, high = round(mean - half, 2), round(mean + half, 2)
    return Gain(n, round(pre, 2), round(post, 2), round(mean, 2), low, high, confidence, normalised)

"""Attack 5b, the comment batch: does a batch appear because the target commented?

The reader plants comments of its own staff in its municipality's pool, over enough contact
days, and watches the campaign's comment days (``schedule.Calendar.comment_days``: three,
the final release last) for a batch. Whether a batch goes out is decided by one noisy check a
comment day (``shared.results.comments.due``, run here as the results function runs it, with
the budget's ``comment_sigma``); a batch empties the pool. The attacker's score is whether,
and how early, a batch appeared (an earlier batch: more likely the target's comment was in).

- *as in the issue*: 19 staff comments over three days, the target's the 20th;
- *tuned*: as many staff comments as put the chance of a batch without the target at the
  attacker's 1 % (the threshold is public: ``batch`` + ``MARGIN_SIGMAS`` σ), the strongest
  placement for TPR at FPR ≤ 1 %.

The analytic μ: a comment moves each check's count by 1, under noise σ on each of the comment
days: μ = √checks / σ = √(2 ρ_comments).

The documented limit (stated, not gated): once a batch is out, a reader who wrote every other
comment in it knows which one it did not write. Counted here over the batches that held the
target's comment.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta

from local.privacy.audit import Line, Result
from local.privacy.core import CAMPAIGN, fast_noise
from shared.results import comments
from shared.results.disclosure import noise, release

NAME = "5b comment batch"


def pool(staff: int, target: bool) -> list[comments.Pooled]:
    """``staff`` planted comments spread over as many contact days as the check needs, and the
    target's (its contact day one of theirs)."""
    cap = comments.per_day(comments.DEFAULT_BATCH)
    out = []
    for i in range(staff):
        day = (CAMPAIGN.start + timedelta(days=i // cap)).isoformat()
        out.append(comments.Pooled(f"staff-{i}", f"personal {i}", "sms", "", day))
    if target:
        day = (CAMPAIGN.start + timedelta(days=staff // cap + 1)).isoformat()
        out.append(comments.Pooled("target", "the target's words", "sms", "", day))
    return out


def tuned_staff(sigma: float, checks: int, fpr: float = 0.01) -> int:
    """The most staff comments whose chance of a batch over every comment day, without the
    target, stays at or under ``fpr``."""
    threshold = comments.threshold(comments.DEFAULT_BATCH, sigma)
    best = comments.DEFAULT_BATCH
    for count in range(comments.DEFAULT_BATCH, int(threshold + 6 * sigma)):
        once = 0.5 * math.erfc((math.ceil(threshold - count) - 0.5) / (sigma * math.sqrt(2)))
        if 1 - (1 - once) ** checks <= fpr:
            best = count
    return best


def _score(pooled: list[comments.Pooled], sigma: float, checks: int, rng: random.Random) -> float:
    """checks - the comment day of the first batch (0 when none came)."""
    for day in range(checks):
        if comments.due(pooled, sigma, comments.DEFAULT_BATCH):  # noise: fast_noise(rng)
            return float(checks - day)
    return 0.0


def run(rho: float, per_class: int, seed: int = 2026) -> tuple[list[Result], Line]:
    rng = random.Random(f"comments-{seed}-{rho}")  # noqa: S311 - a simulation
    rules = release.Policy(budget=noise.Budget(rho))
    checks = len(rules.calendar.comment_days(CAMPAIGN))
    sigma = rules.budget.comment_sigma(checks)
    mu = math.sqrt(checks) / sigma
    results = []
    with_target_batches = identified = 0
    for label, staff in (
        ("19 staff comments (the issue's)", comments.DEFAULT_BATCH - 1),
        ("staff tuned to FPR 1 %", tuned_staff(sigma, checks)),
    ):
        yes, no = pool(staff, True), pool(staff, False)
        pos, neg = [], []
        certain = 0
        with fast_noise(rng):
            for _ in range(per_class):
                s = _score(yes, sigma, checks, rng)
                pos.append(s)
                if s:
                    with_target_batches += 1
                    batch = comments.release("1980", CAMPAIGN.id, yes, CAMPAIGN.end)
                    planted = {p.text for p in no}
                    identified += [c.text for c in batch if c.text not in planted] == [
                        "the target's words"
                    ]
                    # a batch below the floor is impossible without the target
                    certain += comments.checked_count(no) < comments.DEFAULT_BATCH
                neg.append(_score(no, sigma, checks, rng))
        results.append(
            Result(
                NAME,
                f"commented vs not: {label}",
                pos,
                neg,
                mu=mu,
                certain=certain,
                rho_budget=rho,
                note=f"{staff} planted; {checks} comment days, σ {sigma:.2f}",
            )
        )
    limit = Line(
        NAME,
        "which comment is the target's, once a batch is out",
        f"{identified}/{with_target_batches} batches with the target's comment: identified",
        held=identified == 0,
        note="the documented limit: no noise protects a text; a reader who planted every "
        "other comment of a batch knows the one it did not write (docs/privacy.md)",
        stated=True,
    )
    return results, limit

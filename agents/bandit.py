"""Thompson sampling over invite offer variants (Beta-Bernoulli)."""

import random
from collections.abc import Sequence

from agents.models import OfferVariant


def thompson_pick(variants: Sequence[OfferVariant], *, rng: random.Random) -> OfferVariant:
    """Draw each variant's conversion rate from its posterior; the highest draw wins."""
    return max(
        variants,
        key=lambda variant: rng.betavariate(variant.posterior_alpha, variant.posterior_beta),
    )


def probability_best(
    variants: Sequence[OfferVariant], *, draws: int = 4000, seed: int = 0
) -> dict[int, float]:
    """Monte Carlo estimate of each variant's chance of having the best conversion rate."""
    if not variants:
        return {}
    rng = random.Random(seed)
    wins = dict.fromkeys((variant.pk for variant in variants), 0)
    for _ in range(draws):
        wins[thompson_pick(variants, rng=rng).pk] += 1
    return {pk: count / draws for pk, count in wins.items()}

"""The economy a fresh install starts with; the data migration and tests both load it."""

from decimal import Decimal

DEFAULT_RULES = [
    # action, label, base, daily cap, diminish after, first-time bonus, streak bonus/day
    ("complete_practice", "Practice", 100, 20, 5, 0, Decimal("0")),
    ("complete_diagnostic", "Diagnostic", 150, 3, None, 100, Decimal("0.10")),
    ("challenge_sent", "Challenge sent", 10, 10, 5, 20, Decimal("0")),
    ("challenge_completed_by_buddy", "Buddy finished your challenge", 50, 20, 10, 50, Decimal(0)),
    ("referral_signup", "Friend joined", 100, None, None, 0, Decimal("0")),
    ("rally_joined", "Rally joined", 25, 10, 5, 25, Decimal("0")),
]

DEFAULT_OFFERS = [
    ("invite-50", "50 points each", 50, 50),
    ("invite-100", "100 points each", 100, 100),
    ("invite-200", "200 points each", 200, 200),
]


def economy_defaults_ensure(*, rule_model, offer_model, policy_model) -> None:
    """Create the default rules, offers and policy that do not exist yet (idempotent).

    Takes the model classes so that migrations can pass their historical models.
    """
    for action, label, base, cap, diminish_after, bonus, streak in DEFAULT_RULES:
        rule_model.objects.get_or_create(
            action=action,
            defaults={
                "label": label,
                "base_points": base,
                "daily_cap": cap,
                "diminish_after": diminish_after,
                "first_time_bonus": bonus,
                "streak_bonus_per_day": streak,
            },
        )
    for code, name, inviter_points, invitee_points in DEFAULT_OFFERS:
        offer_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "inviter_points": inviter_points,
                "invitee_points": invitee_points,
            },
        )
    policy_model.objects.get_or_create(pk=1)

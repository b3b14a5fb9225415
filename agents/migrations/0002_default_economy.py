from decimal import Decimal

from django.db import migrations

RULES = [
    # action, label, base, daily cap, diminish after, first-time bonus, streak bonus/day
    ("complete_practice", "Practice", 100, 20, 5, 0, Decimal("0")),
    ("complete_diagnostic", "Diagnostic", 150, 3, None, 100, Decimal("0.10")),
    ("challenge_sent", "Challenge sent", 10, 10, 5, 20, Decimal("0")),
    ("challenge_completed_by_buddy", "Buddy finished your challenge", 50, 20, 10, 50, Decimal("0")),
    ("referral_signup", "Friend joined", 100, None, None, 0, Decimal("0")),
    ("rally_joined", "Rally joined", 25, 10, 5, 25, Decimal("0")),
]

OFFERS = [
    ("invite-50", "50 points each", 50, 50),
    ("invite-100", "100 points each", 100, 100),
    ("invite-200", "200 points each", 200, 200),
]


def create_defaults(apps, schema_editor):
    IncentiveRule = apps.get_model("agents", "IncentiveRule")
    OfferVariant = apps.get_model("agents", "OfferVariant")
    EconomyPolicy = apps.get_model("agents", "EconomyPolicy")
    for action, label, base, cap, diminish_after, bonus, streak in RULES:
        IncentiveRule.objects.get_or_create(
            action=action,
            defaults={"label": label, "base_points": base, "daily_cap": cap,
                      "diminish_after": diminish_after, "first_time_bonus": bonus,
                      "streak_bonus_per_day": streak},
        )
    for code, name, inviter_points, invitee_points in OFFERS:
        OfferVariant.objects.get_or_create(
            code=code,
            defaults={"name": name, "inviter_points": inviter_points,
                      "invitee_points": invitee_points},
        )
    EconomyPolicy.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("agents", "0001_create_agents")]

    # Going back, the tables themselves are dropped by the earlier migration.
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]

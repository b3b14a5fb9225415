from django.db import migrations

CATALOG = [
    ("badge-first-steps", "First Steps badge", "A badge for your profile: you started!", "badge", 150, None),
    ("avatar-rocket", "Rocket avatar frame", "A rocket frame around your avatar.", "avatar", 300, None),
    ("streak-freeze", "Streak freeze", "Miss a day without losing your practice streak.", "streak_freeze", 400, None),
    ("premium-7-days", "7 days of Premium", "Unlimited diagnostics and detailed reports for a week.", "premium_days", 1500, None),
    ("tutor-session-30", "30-minute live tutor session", "Book a session with a real tutor. Limited places each month.", "tutor_session", 5000, 20),
]


def create_catalog(apps, schema_editor):
    Reward = apps.get_model("rewards", "Reward")
    for code, name, description, kind, cost, stock in CATALOG:
        Reward.objects.get_or_create(
            code=code,
            defaults={"name": name, "description": description, "kind": kind,
                      "cost_points": cost, "stock": stock},
        )


class Migration(migrations.Migration):
    dependencies = [("rewards", "0002_create_user_rewards")]

    # Going back, the tables themselves are dropped by the earlier migrations.
    operations = [migrations.RunPython(create_catalog, migrations.RunPython.noop)]

from django.db import migrations

FLAGS = {
    "buddy_challenge": "Buddy Challenge loop: /challenge/<token>, result-page challenge prompt.",
    "results_rally": "Results Rally loop: /rally/<token>, result-page rally prompt.",
    "phase2_dashboard": "Staff dashboards: /dashboard/phase2 and /dashboard/k-factor.",
}


def create_flags(apps, schema_editor):
    Flag = apps.get_model("waffle", "Flag")
    for name, note in FLAGS.items():
        Flag.objects.get_or_create(name=name, defaults={"everyone": True, "note": note})


def delete_flags(apps, schema_editor):
    apps.get_model("waffle", "Flag").objects.filter(name__in=FLAGS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0001_create_buddy_challenges"),
        ("waffle", "0004_update_everyone_nullbooleanfield"),
    ]

    operations = [migrations.RunPython(create_flags, delete_flags)]

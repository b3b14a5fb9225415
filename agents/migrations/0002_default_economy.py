from django.db import migrations

from agents.defaults import economy_defaults_ensure


def create_defaults(apps, schema_editor):
    economy_defaults_ensure(
        rule_model=apps.get_model("agents", "IncentiveRule"),
        offer_model=apps.get_model("agents", "OfferVariant"),
        policy_model=apps.get_model("agents", "EconomyPolicy"),
    )


class Migration(migrations.Migration):
    dependencies = [("agents", "0001_create_agents")]

    # Going back, the tables themselves are dropped by the earlier migration.
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]

"""Phase 2 rollback: unapply exactly the Phase 2 apps' migrations (the checklist's
`mix ecto.rollback --step=6`), leaving every Phase 1 row intact.

Lives in `agents` because `veltutor` itself is not an installed app (its management
commands would not be discovered); the logic is about all Phase 2 apps.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

PHASE2_APPS = ("rewards", "agents", "challenges", "attribution")

# Phase 1 tables whose row counts must survive a rollback, by readable name.
PHASE1_COUNTED = (
    ("users", "accounts", "User"),
    ("subjects", "learning", "Subject"),
    ("skills", "learning", "Skill"),
    ("questions", "learning", "Question"),
    ("learning sessions", "learning", "LearningSession"),
)


class RollbackRefused(Exception):
    """The plan would touch something outside Phase 2."""


@dataclass
class RollbackPlan:
    migrations: list[str]  # "app.name", in the order they are unapplied
    tables: dict[str, int]  # existing Phase 2 table -> row count
    executor_plan: list = field(repr=False, default_factory=list)
    targets: list = field(repr=False, default_factory=list)


def phase2_tables() -> list[str]:
    """Every concrete table owned by a Phase 2 app (models and auto-created M2M tables)."""
    tables: list[str] = []
    for label in PHASE2_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            if model._meta.db_table not in tables:
                tables.append(model._meta.db_table)
    return tables


def existing_tables(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _count(table: str, using: str) -> int:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def phase2_table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    present = existing_tables(using)
    return {table: _count(table, using) for table in phase2_tables() if table in present}


def phase1_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        name: apps.get_model(app, model).objects.using(using).count()
        for name, app, model in PHASE1_COUNTED
    }


def rollback_plan(using: str = DEFAULT_DB_ALIAS) -> RollbackPlan:
    """What migrating every Phase 2 app to zero would unapply, checked to be Phase 2 only."""
    executor = MigrationExecutor(connections[using])
    targets = [(label, None) for label in PHASE2_APPS]
    plan = executor.migration_plan(targets)
    names = []
    for migration, backwards in plan:
        name = f"{migration.app_label}.{migration.name}"
        if migration.app_label not in PHASE2_APPS:
            raise RollbackRefused(
                f"Rolling Phase 2 back would also unapply {name}, which is not a Phase 2 "
                "migration; refusing."
            )
        if not backwards:
            raise RollbackRefused(f"Unexpected forward migration {name} in the rollback plan.")
        names.append(name)
    return RollbackPlan(
        migrations=names,
        tables=phase2_table_counts(using),
        executor_plan=plan,
        targets=targets,
    )


@dataclass
class RollbackResult:
    unapplied: list[str]
    remaining_tables: list[str]
    phase1_before: dict[str, int]
    phase1_after: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.remaining_tables and self.phase1_before == self.phase1_after


def rollback_apply(plan: RollbackPlan, using: str = DEFAULT_DB_ALIAS) -> RollbackResult:
    """Unapply the plan's migrations, then check what is left."""
    before = phase1_counts(using)
    connection = connections[using]
    executor = MigrationExecutor(connection)
    # Re-plan against the fresh executor so the migration objects match its graph.
    fresh = executor.migration_plan(plan.targets)
    fresh_names = [f"{m.app_label}.{m.name}" for m, _ in fresh]
    if fresh_names != plan.migrations:
        raise RollbackRefused("The migration state changed while planning; run again.")
    executor.migrate(plan.targets, plan=fresh)
    present = existing_tables(using)
    remaining = [table for table in phase2_tables() if table in present]
    return RollbackResult(
        unapplied=fresh_names,
        remaining_tables=remaining,
        phase1_before=before,
        phase1_after=phase1_counts(using),
    )

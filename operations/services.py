from datetime import datetime

from django.db import transaction

from operations.models import Deployment


@transaction.atomic
def deployment_record(
    *,
    kind: str,
    succeeded: bool,
    started_at: datetime,
    duration_seconds: float,
    run_by: str,
    commit: str,
    previous_commit: str = "",
    host: str = "",
    migrations_applied: list[str] | None = None,
    smoke_result: str = Deployment.Smoke.SKIPPED,
    smoke_output: str = "",
    failed_step: str = "",
    rolled_back: bool = False,
) -> Deployment:
    return Deployment.objects.create(
        kind=kind,
        succeeded=succeeded,
        failed_step=failed_step,
        started_at=started_at,
        duration_seconds=duration_seconds,
        run_by=run_by,
        host=host,
        commit=commit,
        previous_commit=previous_commit,
        migrations_applied="\n".join(migrations_applied or []),
        smoke_result=smoke_result,
        smoke_output=smoke_output[-20_000:],
        rolled_back=rolled_back,
    )


def last_successful_deploy_commit() -> str:
    return (
        Deployment.objects.filter(kind=Deployment.Kind.DEPLOY, succeeded=True)
        .values_list("commit", flat=True)
        .first()
        or ""
    )

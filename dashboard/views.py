import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from attribution import analytics
from attribution import selectors as attribution_selectors
from dashboard.access import staff_dashboard
from dashboard.forms import MODEL_LABELS, KFactorFilterForm
from dashboard.phase2 import phase2_overview

LOOP_COLOURS = {"all": "#4f46e5", "buddy_challenge": "#0ea5e9", "results_rally": "#a855f7"}


def _filters(request: HttpRequest) -> tuple[KFactorFilterForm, dict | None]:
    form = KFactorFilterForm.with_defaults(request.GET.dict())
    return form, form.cleaned_data if form.is_valid() else None


def _report(filters: dict) -> analytics.AttributionReport:
    return analytics.attribution_report(
        start=filters["start"],
        end=filters["end"],
        model=filters["model"],
        kind=filters["kind"],
        lookback_days=filters["lookback_days"],
        half_life_days=filters["half_life_days"],
    )


TOP_ROWS = 15


def _report_context(filters: dict) -> dict:
    """The report, with each table cut to its top rows (the CSV export has them all)."""
    report = _report(filters)
    sections = [
        ("loop", report.by_loop),
        ("inviter", report.by_inviter),
        ("channel", report.by_channel),
    ]
    return {
        "report": report,
        "model_label": MODEL_LABELS[report.model],
        "report_sections": [
            (title, rows[:TOP_ROWS], max(0, len(rows) - TOP_ROWS)) for title, rows in sections
        ],
    }


def _charts(filters: dict) -> dict:
    cohorts = list(attribution_selectors.cohort_list(start=filters["start"], end=filters["end"]))
    weeks = sorted({cohort.week_start for cohort in cohorts})
    by_key = {(cohort.week_start, cohort.loop): cohort for cohort in cohorts}
    trend = {
        "labels": [week.isoformat() for week in weeks],
        "datasets": [
            {
                "label": label,
                "data": [
                    by_key[(week, loop)].k_factor if (week, loop) in by_key else None
                    for week in weeks
                ],
                "borderColor": LOOP_COLOURS[loop],
                "backgroundColor": LOOP_COLOURS[loop],
            }
            for loop, label in attribution_selectors.Cohort.LOOP_CHOICES
        ],
    }
    return {"trend": trend, "has_cohorts": bool(cohorts)}


@require_GET
@staff_dashboard
def k_factor(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context = {"form": form}
    if filters is not None:
        virality = attribution_selectors.loop_virality_list(
            start=filters["start"], end=filters["end"]
        )
        overall = next((row for row in virality if row.loop == "all"), None)
        context.update(
            filters=filters,
            virality=virality,
            overall=overall,
            projection=_projection(overall),
            **_charts(filters),
        )
    status = 400 if filters is None else 200
    return render(request, "dashboard/k_factor.html", context, status=status)


def _projection(overall) -> dict | None:
    if overall is None or overall.k_factor is None or not overall.cycle_time_days:
        return None
    # The seed U0 is the range's cohort members: what the loops would grow them into.
    points = attribution_selectors.projected_growth(
        seed_users=overall.members, k=overall.k_factor, cycle_days=overall.cycle_time_days
    )
    return {
        "labels": [f"day {day}" for day, _ in points],
        "data": [round(users, 1) for _, users in points],
        "k": overall.k_factor,
        "cycle_days": overall.cycle_time_days,
        "seed": overall.members,
    }


@require_GET
@staff_dashboard
def attribution_table(request: HttpRequest) -> HttpResponse:
    """The attribution table alone, for the htmx model switcher and the filter form."""
    form, filters = _filters(request)
    if filters is None:
        return render(request, "dashboard/partials/_attribution.html", {"form": form}, status=400)
    return render(
        request,
        "dashboard/partials/_attribution.html",
        {"form": form, "filters": filters, **_report_context(filters)},
    )


@require_GET
@staff_dashboard
def attribution_csv(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse(
            " ".join(str(error) for errors in form.errors.values() for error in errors),
            status=400,
            content_type="text/plain",
        )
    report = _report(filters)
    response = HttpResponse(content_type="text/csv")
    name = f"attribution-{report.model}-{report.start}-{report.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    for row in analytics.report_csv_rows(report):
        writer.writerow(row)
    return response


@require_GET
@staff_dashboard
def phase2(request: HttpRequest) -> HttpResponse:
    """Agent health, AI spend, loop activity and flags; htmx refreshes the body every 5 s."""
    template = "dashboard/partials/_phase2_body.html" if request.htmx else "dashboard/phase2.html"
    return render(request, template, phase2_overview())

"""Measure the mastery model and the Personalization agent on simulated students.

    .venv/bin/python scripts/bench_personalization.py [--students 200] [--questions 40]

Builds a throw-away SQLite database in a temporary directory (migrated here; no network, no
Claude), a small curriculum (4 skills, two with prerequisites, questions of known TRUE
difficulty) and students of known TRUE ability per skill. Each student follows the agent's
first recommendation and answers through the real `practice_start`/`session_answer`
services; each answer is drawn from the IRT (Rasch) model p = 1 / (1 + 10^((d − θ) / 400)).
Prints, with the command line first:

* the AUC of predicting each next answer with the mastery model's `expected_correct`
  (student and question ratings just before the answer), against the baseline "the
  question's average correctness so far" and the ceiling (the true IRT probability);
* the share of recommended "practice" items whose TRUE success on the recommended set of
  questions falls inside the target band, and the mean gap between predicted and true;
* the latency of `get_recommendations(use_ai=False)`, p50 and p95.
"""

import argparse
import os
import random
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SKILLS = (
    # slug, name, position, prerequisites, ability offset
    ("counting", "Counting", 0, (), 60.0),
    ("shapes", "Shapes", 1, (), 0.0),
    ("adding", "Adding", 2, ("counting",), -40.0),
    ("fractions", "Fractions", 3, ("adding", "shapes"), -90.0),
)
QUESTIONS_PER_SKILL = 40
SET_LENGTH = 8
RIGHT, WRONG = "7", "8"


def irt(ability: float, difficulty: float) -> float:
    return 1.0 / (1.0 + 10 ** ((difficulty - ability) / 400.0))


def auc(scores: list[float], outcomes: list[bool]) -> float:
    """Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties averaged."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    positives = sum(outcomes)
    negatives = len(outcomes) - positives
    rank_sum = sum(rank for rank, outcome in zip(ranks, outcomes, strict=True) if outcome)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def setup_django(database: Path) -> None:
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="veltutor.settings",
        DEBUG="false",
        SECRET_KEY_BASE="bench-only-" + "x" * 50,
        PHX_HOST="testserver",
        SECURE_SSL_REDIRECT="false",
        ANTHROPIC_API_KEY="",
        REDIS_URL="",
        SENTRY_DSN="",
        LOG_LEVEL="CRITICAL",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_curriculum(rng: random.Random) -> tuple[dict, dict]:
    """The skills by slug and each question's TRUE difficulty by id."""
    from veltutor.learning import mastery
    from veltutor.learning.models import Question, Skill, Subject

    subject = Subject.objects.create(slug="sim", name="Simulated maths")
    skills, true_difficulty = {}, {}
    for slug, name, position, prerequisites, _ in SKILLS:
        skill = Skill.objects.create(subject=subject, slug=slug, name=name, position=position)
        skill.prerequisites.set([skills[p] for p in prerequisites])
        skills[slug] = skill
        difficulties = sorted(rng.uniform(600, 1400) for _ in range(QUESTIONS_PER_SKILL))
        for index, difficulty in enumerate(difficulties):
            # Authors tag a level by tercile; the model starts from the level's rating.
            level = 1 + 3 * index // QUESTIONS_PER_SKILL
            question = Question.objects.create(
                skill=skill,
                code=f"{slug}-{index}",
                kind=Question.Kind.NUMERIC,
                prompt=f"{name} question {index}",
                correct_answer=RIGHT,
                level=level,
                difficulty_rating=mastery.LEVEL_RATINGS[level],
            )
            true_difficulty[question.pk] = difficulty
    return skills, true_difficulty


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--questions", type=int, default=40, help="Answers per student.")
    parser.add_argument("--latency-calls", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "bench.sqlite3")
        return run(args)


def run(args: argparse.Namespace) -> int:
    from agents.personalization import TARGET_BAND, Personalization
    from veltutor.accounts.models import User
    from veltutor.learning import mastery, services
    from veltutor.learning.models import Question, SkillMastery

    rng = random.Random(args.seed)
    started = time.perf_counter()
    skills, true_difficulty = build_curriculum(rng)
    offsets = {slug: offset for slug, _, _, _, offset in SKILLS}
    students = []
    for number in range(args.students):
        general = rng.gauss(1000, 150)
        ability = {slug: general + offsets[slug] + rng.gauss(0, 80) for slug in skills}
        students.append((User.objects.create(username=f"sim{number}"), ability))

    agent = Personalization()
    latencies: list[float] = []
    model_scores, baseline_scores, true_scores, outcomes = [], [], [], []
    answered = right = 0
    true_success: list[float] = []
    predicted_gap: list[float] = []

    def recommend(user):
        began = time.perf_counter()
        items = agent.get_recommendations(user_id=user.pk, subject_id="sim", use_ai=False)
        latencies.append((time.perf_counter() - began) * 1000)
        return items

    rounds = max(1, args.questions // SET_LENGTH)
    for round_number in range(rounds):
        for user, ability in students:
            items = recommend(user)
            for item in items:
                if item.kind == "practice":
                    truth = statistics.fmean(
                        irt(ability[item.skill], true_difficulty[q]) for q in item.question_ids
                    )
                    true_success.append(truth)
                    predicted_gap.append(abs(item.predicted_success - truth))
            slug = items[0].skill if items else "counting"
            skill = skills[slug]
            session = services.practice_start(
                user=user, skill=skill, question_count=SET_LENGTH, seed=round_number
            )
            rating = (
                SkillMastery.objects.filter(user=user, skill=skill)
                .values_list("rating", flat=True)
                .first()
                or mastery.INITIAL_RATING
            )
            for item in session.items.order_by("position"):
                q_rating, q_attempts, q_correct = Question.objects.values_list(
                    "difficulty_rating", "attempts_count", "correct_count"
                ).get(pk=item.question_id)
                model_scores.append(
                    mastery.expected_correct(student_rating=rating, question_rating=q_rating)
                )
                baseline_scores.append(
                    q_correct / q_attempts
                    if q_attempts
                    else (right / answered if answered else 0.5)
                )
                p_true = irt(ability[slug], true_difficulty[item.question_id])
                true_scores.append(p_true)
                correct = rng.random() < p_true
                outcomes.append(correct)
                answered += 1
                right += correct
                outcome = services.session_answer(
                    user=user,
                    session_id=session.pk,
                    position=item.position,
                    response=RIGHT if correct else WRONG,
                )
                rating = outcome.item.rating_after
    simulated = time.perf_counter() - started

    for index in range(args.latency_calls):
        recommend(students[index % len(students)][0])

    low, high = TARGET_BAND
    in_band = sum(low <= p <= high for p in true_success)
    rows = [
        ("answers simulated", f"{answered} ({args.students} students × {rounds} sets of 8)"),
        ("share answered right", f"{right / answered:.3f}"),
        ("AUC mastery model (Elo expected_correct)", f"{auc(model_scores, outcomes):.3f}"),
        ("AUC baseline (question's average so far)", f"{auc(baseline_scores, outcomes):.3f}"),
        ("AUC ceiling (true IRT probability)", f"{auc(true_scores, outcomes):.3f}"),
        ("practice items recommended", f"{len(true_success)}"),
        (
            f"  share with TRUE success in {low:.0%}–{high:.0%}",
            f"{in_band / len(true_success):.3f}" if true_success else "n/a",
        ),
        (
            "  mean |predicted − true| success",
            f"{statistics.fmean(predicted_gap):.3f}" if predicted_gap else "n/a",
        ),
        ("recommendation calls timed", f"{len(latencies)}"),
        ("  latency p50 (ms)", f"{percentile(latencies, 0.50):.2f}"),
        ("  latency p95 (ms)", f"{percentile(latencies, 0.95):.2f}"),
        ("simulation wall time (s)", f"{simulated:.1f}"),
    ]
    print("$ " + shlex.join([".venv/bin/python", *sys.argv]))
    width = max(len(label) for label, _ in rows)
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The demo curriculum is complete, well formed, deterministic and correct.

Answers of generated questions are re-derived here from their prompts, independently of the
code that generated them.
"""

import ast
import operator
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from veltutor.learning.demo_content import QuestionSpec, SkillSpec, SubjectSpec, demo_curriculum

REPO_ROOT = Path(__file__).resolve().parents[2]
PLAIN_DECIMAL = re.compile(r"-?(0|[1-9]\d*)(\.\d*[1-9])?")
SLUG = re.compile(r"[a-z]+(-[a-z]+)*")


@pytest.fixture(scope="module")
def curriculum() -> tuple[SubjectSpec, ...]:
    return demo_curriculum()


def skills_of(curriculum: tuple[SubjectSpec, ...]) -> Iterator[tuple[SubjectSpec, SkillSpec]]:
    for subject in curriculum:
        for skill in subject.skills:
            yield subject, skill


def questions_of(curriculum: tuple[SubjectSpec, ...]) -> Iterator[QuestionSpec]:
    for _, skill in skills_of(curriculum):
        yield from skill.questions


def find_skill(curriculum: tuple[SubjectSpec, ...], subject_slug: str, slug: str) -> SkillSpec:
    for subject, skill in skills_of(curriculum):
        if subject.slug == subject_slug and skill.slug == slug:
            return skill
    raise LookupError(f"{subject_slug}/{slug}")


def number(text: str) -> Fraction:
    return Fraction(text.replace("−", "-"))


def assert_numeric_answer(question: QuestionSpec, expected: Fraction) -> None:
    assert question.kind == "numeric", question.code
    tolerance = Fraction(question.tolerance)
    assert abs(Fraction(question.answer) - expected) <= tolerance, (question.code, expected)


def assert_each_question_rechecked(
    skill: SkillSpec, checks: dict[str, Callable[[QuestionSpec, re.Match[str]], None]]
) -> None:
    """Every question of ``skill`` must match exactly one pattern, whose check then runs."""
    for question in skill.questions:
        matches = [
            (check, match)
            for pattern, check in checks.items()
            if (match := re.fullmatch(pattern, question.prompt))
        ]
        assert len(matches) == 1, f"{question.code}: {question.prompt!r} matched {len(matches)}"
        check, match = matches[0]
        check(question, match)


# --- determinism -----------------------------------------------------------------------------


def test_two_calls_return_equal_curricula() -> None:
    assert demo_curriculum() == demo_curriculum()


def test_curriculum_is_identical_in_fresh_processes_with_different_hash_seeds(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    script = (
        "from veltutor.learning.demo_content import demo_curriculum; print(repr(demo_curriculum()))"
    )
    outputs = set()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout.strip())
    assert outputs == {repr(curriculum)}


# --- size and shape --------------------------------------------------------------------------


def test_the_subjects_are_math_reading_and_science(curriculum: tuple[SubjectSpec, ...]) -> None:
    assert [(subject.slug, subject.name) for subject in curriculum] == [
        ("math", "Mathematics"),
        ("reading", "Reading & Language"),
        ("science", "Science"),
    ]
    assert all(subject.description.strip() for subject in curriculum)


def test_every_subject_has_at_least_five_skills(curriculum: tuple[SubjectSpec, ...]) -> None:
    assert all(len(subject.skills) >= 5 for subject in curriculum)
    assert sum(len(subject.skills) for subject in curriculum) >= 15


def test_every_skill_has_at_least_25_questions(curriculum: tuple[SubjectSpec, ...]) -> None:
    for _, skill in skills_of(curriculum):
        assert len(skill.questions) >= 25, skill.slug


def test_there_are_at_least_375_questions_in_total(curriculum: tuple[SubjectSpec, ...]) -> None:
    assert len(list(questions_of(curriculum))) >= 375


def test_every_skill_has_a_fair_share_of_easy_medium_and_hard_questions(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for _, skill in skills_of(curriculum):
        levels = [question.level for question in skill.questions]
        assert set(levels) == {1, 2, 3}, skill.slug
        for level in (1, 2, 3):
            assert levels.count(level) >= len(levels) / 5, (skill.slug, level)


def test_skills_have_unique_slugs_names_and_descriptions(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for subject in curriculum:
        slugs = [skill.slug for skill in subject.skills]
        assert len(set(slugs)) == len(slugs)
        for skill in subject.skills:
            assert SLUG.fullmatch(skill.slug), skill.slug
            assert skill.name.strip() and skill.description.strip(), skill.slug


# --- codes and prompts -----------------------------------------------------------------------


def test_question_codes_are_globally_unique(curriculum: tuple[SubjectSpec, ...]) -> None:
    codes = [question.code for question in questions_of(curriculum)]
    assert len(set(codes)) == len(codes)


def test_question_codes_are_subject_skill_and_a_running_three_digit_number(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for subject, skill in skills_of(curriculum):
        expected = [
            f"{subject.slug}-{skill.slug}-{index:03d}"
            for index in range(1, len(skill.questions) + 1)
        ]
        assert [question.code for question in skill.questions] == expected


def test_no_skill_repeats_a_prompt(curriculum: tuple[SubjectSpec, ...]) -> None:
    for _, skill in skills_of(curriculum):
        prompts = [question.prompt for question in skill.questions]
        assert len(set(prompts)) == len(prompts), skill.slug


def test_every_question_has_a_prompt_and_an_explanation(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        assert question.prompt.strip() and question.explanation.strip(), question.code
        assert question.prompt == question.prompt.strip(), question.code
        assert "\n" not in question.prompt, question.code


# --- answers ---------------------------------------------------------------------------------


def test_every_multiple_choice_answer_is_one_of_its_choices(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        if question.kind == "multiple_choice":
            assert question.choices.count(question.answer) == 1, question.code


def test_multiple_choice_questions_offer_three_to_five_distinct_choices(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        if question.kind == "multiple_choice":
            assert 3 <= len(question.choices) <= 5, question.code
            assert len(set(question.choices)) == len(question.choices), question.code
            assert all(choice.strip() for choice in question.choices), question.code
            assert question.tolerance == "0", question.code


def test_every_numeric_answer_is_a_plain_finite_decimal(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        if question.kind == "numeric":
            assert question.choices == (), question.code
            assert PLAIN_DECIMAL.fullmatch(question.answer), (question.code, question.answer)
            assert Decimal(question.answer).is_finite(), question.code
            assert question.answer != "-0", question.code
            assert not question.answer.endswith(".0"), question.code


def test_numeric_tolerances_are_non_negative_decimals(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        assert PLAIN_DECIMAL.fullmatch(question.tolerance), question.code
        assert Decimal(question.tolerance) >= 0, question.code


def test_only_questions_that_ask_for_rounding_have_a_tolerance(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        asks_to_round = "Round to" in question.prompt
        assert asks_to_round == (Decimal(question.tolerance) > 0), question.code


def test_decimal_answers_are_only_expected_when_the_prompt_asks_for_a_decimal(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for question in questions_of(curriculum):
        if question.kind == "numeric" and "." in question.answer:
            assert "decimal" in question.prompt.lower(), question.code


def test_question_kinds_suit_each_subject(curriculum: tuple[SubjectSpec, ...]) -> None:
    kinds = {
        subject.slug: [question.kind for skill in subject.skills for question in skill.questions]
        for subject in curriculum
    }
    assert set(kinds["reading"]) == {"multiple_choice"}
    assert kinds["math"].count("numeric") > len(kinds["math"]) / 2
    assert "multiple_choice" in kinds["math"]
    assert set(kinds["science"]) == {"multiple_choice", "numeric"}


# --- prerequisites ---------------------------------------------------------------------------


def test_prerequisites_are_existing_skills_of_the_same_subject(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    for subject in curriculum:
        slugs = {skill.slug for skill in subject.skills}
        for skill in subject.skills:
            assert set(skill.prerequisites) <= slugs - {skill.slug}, skill.slug
            assert len(set(skill.prerequisites)) == len(skill.prerequisites), skill.slug


def test_prerequisites_contain_no_cycle(curriculum: tuple[SubjectSpec, ...]) -> None:
    for subject in curriculum:
        remaining = {skill.slug: set(skill.prerequisites) for skill in subject.skills}
        while remaining:
            ready = [slug for slug, needs in remaining.items() if not needs & remaining.keys()]
            assert ready, f"cycle among {sorted(remaining)} in {subject.slug}"
            for slug in ready:
                del remaining[slug]


def test_prerequisites_follow_the_natural_learning_order(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    def needs(subject: str, slug: str) -> set[str]:
        return set(find_skill(curriculum, subject, slug).prerequisites)

    assert needs("math", "percentages") >= {"fractions"}
    assert needs("math", "linear-equations") >= {"arithmetic", "multiplication"}
    assert needs("science", "speed-distance-time") >= {"units"}
    assert needs("math", "arithmetic") == set()


# --- independent re-checks of generated answers ----------------------------------------------


def test_arithmetic_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def check(question: QuestionSpec, match: re.Match[str]) -> None:
        tokens = match.group(1).split(" ")
        total = int(tokens[0])
        for sign, operand in zip(tokens[1::2], tokens[2::2], strict=True):
            total = total + int(operand) if sign == "+" else total - int(operand)
        assert_numeric_answer(question, Fraction(total))

    skill = find_skill(curriculum, "math", "arithmetic")
    assert_each_question_rechecked(skill, {r"What is (\d+(?: [+−] \d+)+)\?": check})


def test_multiplication_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def check(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[1]) * int(match[2])))

    skill = find_skill(curriculum, "math", "multiplication")
    assert_each_question_rechecked(skill, {r"What is (\d+) × (\d+)\?": check})


_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _evaluate(node: ast.AST, x: Fraction) -> Fraction:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, x)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.Name) and node.id == "x":
        return x
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, x)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left, x), _evaluate(node.right, x))
    raise ValueError(f"unexpected syntax: {ast.dump(node)}")


def solve_linear(equation: str) -> Fraction:
    """Solve an equation such as "5x + 3 = 2x − 18" or "4(x − 2) = 12" for x."""
    python = equation.replace("−", "-").replace("÷", "/").replace("×", "*")
    python = re.sub(r"(\d)\s*(?=[x(])", r"\1*", python)
    left, right = (ast.parse(side.strip(), mode="eval") for side in python.split("="))

    def difference(x: Fraction) -> Fraction:
        return _evaluate(left, x) - _evaluate(right, x)

    slope = difference(Fraction(1)) - difference(Fraction(0))
    assert slope != 0, equation
    assert difference(Fraction(2)) - difference(Fraction(1)) == slope, "not linear"
    return -difference(Fraction(0)) / slope


def test_the_equation_solver_used_by_these_tests_works() -> None:
    assert solve_linear("3x + 5 = 26") == 7
    assert solve_linear("x ÷ 4 + 3 = 8") == 20
    assert solve_linear("2(x − 3) = −10") == -2
    assert solve_linear("5x − 4 = 2x + 11") == 5


def test_linear_equation_answers_solve_their_equations(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    def check(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, solve_linear(match[1]))

    skill = find_skill(curriculum, "math", "linear-equations")
    assert_each_question_rechecked(skill, {r"Solve for x: (.+)": check})


def test_fraction_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def apply(a: str, sign: str, b: str) -> Fraction:
        return Fraction(a) + Fraction(b) if sign == "+" else Fraction(a) - Fraction(b)

    def missing_numerator(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, apply(match[1], match[2], match[3]) * int(match[4]))

    def as_decimal(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, apply(match[1], match[2], match[3]))

    def written_as_decimal(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(match[1]))

    def equivalent(question: QuestionSpec, match: re.Match[str]) -> None:
        equal = [choice for choice in question.choices if Fraction(choice) == Fraction(match[1])]
        assert equal == [question.answer], question.code

    def largest(question: QuestionSpec, match: re.Match[str]) -> None:
        listed = re.split(r", | or ", match[1])
        assert sorted(listed) == sorted(question.choices), question.code
        assert question.answer == max(listed, key=Fraction), question.code

    fraction = r"(\d+/\d+)"
    skill = find_skill(curriculum, "math", "fractions")
    assert_each_question_rechecked(
        skill,
        {
            rf"{fraction} ([+−]) {fraction} = \?/(\d+)\. What is the missing numerator\?": (
                missing_numerator
            ),
            rf"What is {fraction} ([+−]) {fraction}\? Give your answer as a decimal\.": as_decimal,
            rf"Write {fraction} as a decimal\.": written_as_decimal,
            rf"Which fraction is equal to {fraction}\?": equivalent,
            r"Which of these fractions is the largest: (.+)\?": largest,
        },
    )


def test_percentage_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def percent_of(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[1]) * int(match[2]), 100))

    def share(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[2]) * 100, int(match[1])))

    def as_fraction(question: QuestionSpec, match: re.Match[str]) -> None:
        target = Fraction(int(match[1]), 100)
        equal = [choice for choice in question.choices if Fraction(choice) == target]
        assert equal == [question.answer], question.code

    def sale(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, int(match[1]) * Fraction(100 - int(match[2]), 100))

    def growth(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, int(match[1]) * Fraction(100 + int(match[2]), 100))

    def before_discount(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, int(match[2]) / Fraction(100 - int(match[1]), 100))

    skill = find_skill(curriculum, "math", "percentages")
    assert_each_question_rechecked(
        skill,
        {
            r"What is (\d+)% of (\d+)\?": percent_of,
            r"What percentage of (\d+) is (\d+)\? Type the number without the % sign\.": share,
            r"Which fraction is equal to (\d+)%\?": as_fraction,
            r"An? [a-z ]+ costs \$(\d+)\. In a sale its price is cut by (\d+)%\. "
            r"What is the sale price in dollars\?": sale,
            r"A town has (\d+) people\. Its population grows by (\d+)%\. "
            r"How many people live there now\?": growth,
            r"After a (\d+)% discount, an? [a-z ]+ costs \$(\d+)\. "
            r"What was its price before the discount, in dollars\?": before_discount,
        },
    )


def test_area_and_perimeter_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    pi = Fraction("3.14")

    def rectangle(question: QuestionSpec, match: re.Match[str]) -> None:
        length, width = int(match[1]), int(match[2])
        expected = length * width if match[3] == "area" else 2 * (length + width)
        assert_numeric_answer(question, Fraction(expected))

    def square(question: QuestionSpec, match: re.Match[str]) -> None:
        side = int(match[1])
        assert_numeric_answer(question, Fraction(side * side if match[2] == "area" else 4 * side))

    def missing_length(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[1]), int(match[2])))

    def square_side(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[1]), 4))

    def triangle(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, Fraction(int(match[1]) * int(match[2]), 2))

    def l_shape(question: QuestionSpec, match: re.Match[str]) -> None:
        width, height, cut_w, cut_h = (int(match[i]) for i in range(1, 5))
        assert cut_w < width and cut_h < height
        if match[5] == "area":
            assert_numeric_answer(question, Fraction(width * height - cut_w * cut_h))
        else:
            assert_numeric_answer(question, Fraction(2 * (width + height)))

    def circle_area(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, pi * int(match[1]) ** 2)

    def circumference(question: QuestionSpec, match: re.Match[str]) -> None:
        assert question.tolerance == "0.05"
        assert re.fullmatch(r"\d+(\.\d)?", question.answer), question.code
        assert_numeric_answer(question, pi * int(match[1]))

    def perimeter_choice(question: QuestionSpec, match: re.Match[str]) -> None:
        def perimeter(choice: str) -> int:
            length, width = re.fullmatch(r"(\d+) cm by (\d+) cm", choice).groups()
            return 2 * (int(length) + int(width))

        matching = [choice for choice in question.choices if perimeter(choice) == int(match[1])]
        assert matching == [question.answer], question.code

    unit = r"(?:cm|m)"
    skill = find_skill(curriculum, "math", "area-perimeter")
    assert_each_question_rechecked(
        skill,
        {
            rf"A rectangle is (\d+) {unit} long and (\d+) {unit} wide\. "
            rf"What is its (area|perimeter) in {unit}²?\?": rectangle,
            rf"A square has sides of (\d+) {unit}\. What is its (area|perimeter) in {unit}²?\?": (
                square
            ),
            rf"A rectangle has an area of (\d+) {unit}² and a width of (\d+) {unit}\. "
            rf"What is its length in {unit}\?": missing_length,
            rf"A square has a perimeter of (\d+) {unit}\. How long is each side, in {unit}\?": (
                square_side
            ),
            rf"A triangle has a base of (\d+) {unit} and a height of (\d+) {unit}\. "
            rf"What is its area in {unit}²\?": triangle,
            r"An L-shaped garden is a (\d+) m by (\d+) m rectangle with a (\d+) m by (\d+) m "
            r"rectangle cut out of one corner\. What is its (area|perimeter) in m²?\?": l_shape,
            rf"A circle has a radius of (\d+) {unit}\. Using π = 3\.14, what is its area in "
            rf"{unit}²\? Give your answer as a decimal\.": circle_area,
            rf"A circle has a diameter of (\d+) {unit}\. Using π = 3\.14, what is its "
            rf"circumference in {unit}\? Round to 1 decimal place\.": circumference,
            r"Which rectangle has a perimeter of (\d+) cm\?": perimeter_choice,
        },
    )


METRIC_SIZES = {
    "millimeters": Fraction(1, 1000),
    "centimeters": Fraction(1, 100),
    "meters": Fraction(1),
    "kilometers": Fraction(1000),
    "grams": Fraction(1),
    "kilograms": Fraction(1000),
    "milliliters": Fraction(1, 1000),
    "liters": Fraction(1),
    "seconds": Fraction(1),
    "minutes": Fraction(60),
    "hours": Fraction(3600),
}
QUANTITIES = {
    "length": {"millimeters", "centimeters", "meters", "kilometers"},
    "mass": {"grams", "kilograms"},
    "volume": {"milliliters", "liters"},
    "time": {"seconds", "minutes", "hours"},
}


def quantity_of(unit: str) -> str:
    return next(name for name, units in QUANTITIES.items() if unit in units)


def test_unit_conversion_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def convert(amount: str, source: str, target: str) -> Fraction:
        assert quantity_of(source) == quantity_of(target)
        return Fraction(amount) * METRIC_SIZES[source] / METRIC_SIZES[target]

    def how_many(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, convert(match[2], match[3], match[1]))

    def convert_to(question: QuestionSpec, match: re.Match[str]) -> None:
        assert_numeric_answer(question, convert(match[1], match[2], match[3]))

    def best_unit(question: QuestionSpec, match: re.Match[str]) -> None:
        quantities = [quantity_of(choice) for choice in question.choices]
        assert len(set(quantities)) == len(quantities), question.code

    skill = find_skill(curriculum, "science", "units")
    assert_each_question_rechecked(
        skill,
        {
            r"How many ([a-z]+) are in ([\d.]+) ([a-z]+)\?": how_many,
            r"Convert ([\d.]+) ([a-z]+) to ([a-z]+)\. Give your answer as a decimal\.": convert_to,
            r"Which unit is best for measuring (.+)\?": best_unit,
        },
    )


def test_speed_distance_time_answers_are_correct(curriculum: tuple[SubjectSpec, ...]) -> None:
    def checker(formula: Callable[..., Fraction]) -> Callable[..., None]:
        def check(question: QuestionSpec, match: re.Match[str]) -> None:
            numbers = [int(group) for group in match.groups() if group.isdigit()]
            assert_numeric_answer(question, formula(*numbers))

        return check

    def rounded_speed(question: QuestionSpec, match: re.Match[str]) -> None:
        assert question.tolerance == "0.05"
        assert re.fullmatch(r"\d+(\.\d)?", question.answer), question.code
        assert_numeric_answer(question, Fraction(int(match[1]), int(match[2])))

    def fact(question: QuestionSpec, match: re.Match[str]) -> None:
        assert question.kind == "multiple_choice"

    who = r"An? ([a-z]+)"
    skill = find_skill(curriculum, "science", "speed-distance-time")
    assert_each_question_rechecked(
        skill,
        {
            rf"{who} travels (\d+) km in (\d+) hours at a steady speed\. "
            r"What is the \1's speed in km/h\?": checker(lambda d, t: Fraction(d, t)),
            rf"{who} travels at (\d+) km/h for (\d+) hours\. "
            r"How many kilometers does the \1 travel\?": checker(lambda s, t: Fraction(s * t)),
            rf"{who} travels (\d+) km at a steady (\d+) km/h\. "
            r"How many hours does the journey take\?": checker(lambda d, s: Fraction(d, s)),
            rf"{who} travels (\d+) km at a steady (\d+) km/h\. "
            r"How many minutes does the journey take\?": checker(lambda d, s: Fraction(60 * d, s)),
            rf"{who} travels (\d+) km in (\d+) minutes\. "
            r"What is the \1's average speed in km/h\?": checker(lambda d, m: Fraction(60 * d, m)),
            r"A car travels at (\d+) km/h\. What is this speed in meters per second\?": checker(
                lambda v: Fraction(v * 1000, 3600)
            ),
            r"A cheetah runs at (\d+) meters per second\. What is this speed in km/h\?": checker(
                lambda v: Fraction(v * 3600, 1000)
            ),
            r"A hiker walks (\d+) km in (\d+) hours\. What is the hiker's average speed in km/h\? "
            r"Round to 1 decimal place\.": rounded_speed,
            r"Which formula gives the speed of a moving object\?|Which of these is a unit of "
            r"speed\?|A car keeps the same speed but drives for twice as long\..*": fact,
        },
    )


def test_chemical_symbol_questions_match_the_periodic_table(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    symbols = {
        "hydrogen": "H",
        "helium": "He",
        "lithium": "Li",
        "carbon": "C",
        "nitrogen": "N",
        "oxygen": "O",
        "fluorine": "F",
        "neon": "Ne",
        "sodium": "Na",
        "magnesium": "Mg",
        "aluminum": "Al",
        "silicon": "Si",
        "phosphorus": "P",
        "sulfur": "S",
        "chlorine": "Cl",
        "argon": "Ar",
        "potassium": "K",
        "calcium": "Ca",
        "iron": "Fe",
        "nickel": "Ni",
        "copper": "Cu",
        "zinc": "Zn",
        "silver": "Ag",
        "tin": "Sn",
        "gold": "Au",
        "mercury": "Hg",
        "lead": "Pb",
    }
    elements = {symbol: name for name, symbol in symbols.items()}

    def symbol_of(question: QuestionSpec, match: re.Match[str]) -> None:
        assert question.answer == symbols[match[1]], question.code

    def element_of(question: QuestionSpec, match: re.Match[str]) -> None:
        assert question.answer == elements[match[1]], question.code
        assert all(choice in symbols for choice in question.choices), question.code

    skill = find_skill(curriculum, "science", "chemical-symbols")
    assert_each_question_rechecked(
        skill,
        {
            r"What is the chemical symbol for ([a-z]+)\?": symbol_of,
            r"Which element has the chemical symbol ([A-Z][a-z]?)\?": element_of,
        },
    )


def test_planet_order_questions_match_the_solar_system(
    curriculum: tuple[SubjectSpec, ...],
) -> None:
    planets = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
    ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
    checked = 0
    for question in find_skill(curriculum, "science", "solar-system").questions:
        if match := re.fullmatch(
            r"Which planet is the ([a-z]+) planet from the Sun\?", question.prompt
        ):
            assert question.answer == planets[ordinals.index(match[1])], question.code
            assert set(question.choices) <= set(planets), question.code
            checked += 1
        elif match := re.fullmatch(
            r"Counting out from the Sun, what number planet is ([A-Z][a-z]+)\? "
            r"Type a whole number\.",
            question.prompt,
        ):
            assert_numeric_answer(question, Fraction(planets.index(match[1]) + 1))
            checked += 1
    assert checked >= 8

"""Demo curriculum for Vel Tutor: practice questions for students aged about 10 to 14.

Numeric answers are computed from generated parameters with exact arithmetic, and
multiple-choice items are built from the fact tables in this module, so every answer is
correct by construction. Each skill draws from its own seeded ``random.Random``, which makes
``demo_curriculum()`` deterministic.
"""

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from math import gcd, lcm
from typing import Literal


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    kind: Literal["multiple_choice", "numeric"]
    prompt: str
    answer: str
    explanation: str
    level: int
    choices: tuple[str, ...] = ()
    tolerance: str = "0"


@dataclass(frozen=True)
class SkillSpec:
    slug: str
    name: str
    description: str
    prerequisites: tuple[str, ...]
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class SubjectSpec:
    slug: str
    name: str
    description: str
    skills: tuple[SkillSpec, ...]


Maker = Callable[[random.Random, int], QuestionSpec]
Builder = Callable[[random.Random], list[QuestionSpec]]


# --- building blocks -------------------------------------------------------------------------


def _exact(value: Fraction | int) -> str:
    """Exact decimal text of a terminating value: "12", "-3", "0.75"."""
    value = Fraction(value)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        raise ValueError(f"{value} has no exact decimal form")
    with localcontext() as context:
        context.prec = 60
        return format((Decimal(value.numerator) / value.denominator).normalize(), "f")


def _rounded(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half-up to ``places`` decimal places, trailing zeros kept."""
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / value.denominator
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _signed(value: int | Fraction) -> str:
    """A number as shown to students, with a typographic minus sign."""
    return str(value).replace("-", "−")


def _term(coefficient: int) -> str:
    return "x" if coefficient == 1 else f"{coefficient}x"


def _linear(coefficient: int, constant: int) -> str:
    """Render ``coefficient·x + constant``, e.g. "3x − 5", "x + 2", "4x"."""
    if constant > 0:
        return f"{_term(coefficient)} + {constant}"
    if constant < 0:
        return f"{_term(coefficient)} − {-constant}"
    return _term(coefficient)


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _numeric(prompt: str, answer: Fraction | int, explanation: str, level: int) -> QuestionSpec:
    return QuestionSpec("", "numeric", prompt, _exact(answer), explanation, level)


def _numeric_rounded(
    prompt: str, value: Fraction, places: int, explanation: str, level: int
) -> QuestionSpec:
    answer = format(_rounded(value, places).normalize(), "f")
    tolerance = format(Decimal(5).scaleb(-places - 1), "f")
    return QuestionSpec("", "numeric", prompt, answer, explanation, level, tolerance=tolerance)


def _choice(
    rng: random.Random,
    prompt: str,
    answer: str,
    wrong: Iterable[str],
    explanation: str,
    level: int,
    count: int = 3,
) -> QuestionSpec:
    """A multiple-choice question with up to ``count`` distractors drawn from ``wrong``."""
    pool = [option for option in dict.fromkeys(wrong) if option != answer]
    if len(pool) < 2:
        raise ValueError(f"not enough distractors for {prompt!r}")
    options = [answer, *rng.sample(pool, min(count, len(pool), 4))]
    rng.shuffle(options)
    return QuestionSpec("", "multiple_choice", prompt, answer, explanation, level, tuple(options))


def _fill(
    rng: random.Random, make: Maker, per_level: int, start: Iterable[QuestionSpec] = ()
) -> list[QuestionSpec]:
    """Top up every level to ``per_level`` questions with distinct prompts from ``make``."""
    questions = list(start)
    prompts = {question.prompt for question in questions}
    for level in (1, 2, 3):
        missing = per_level - sum(question.level == level for question in questions)
        for _ in range(5000):
            if missing <= 0:
                break
            question = make(rng, level)
            if question.prompt not in prompts:
                prompts.add(question.prompt)
                questions.append(question)
                missing -= 1
        else:
            raise RuntimeError(f"could not generate {per_level} level-{level} questions")
    return questions


def _skill(
    subject: str,
    slug: str,
    name: str,
    description: str,
    prerequisites: tuple[str, ...],
    build: Builder,
) -> SkillSpec:
    drafts = sorted(build(random.Random(f"vel-tutor:{subject}:{slug}")), key=lambda q: q.level)
    prompts = [question.prompt for question in drafts]
    if len(set(prompts)) != len(prompts):
        raise ValueError(f"duplicate prompt in {subject}/{slug}")
    questions = tuple(
        replace(question, code=f"{subject}-{slug}-{number:03d}")
        for number, question in enumerate(drafts, start=1)
    )
    return SkillSpec(slug, name, description, prerequisites, questions)


# --- mathematics -----------------------------------------------------------------------------


def _arithmetic_question(rng: random.Random, level: int) -> QuestionSpec:
    low, high = {1: (10, 99), 2: (100, 999), 3: (1000, 9999)}[level]
    a, b = rng.randint(low, high), rng.randint(low, high)
    if level == 3 and rng.random() < 0.4:
        total = a + b
        c = rng.randint(low, min(high, total - 1))
        return _numeric(
            f"What is {a} + {b} − {c}?",
            total - c,
            f"Work from left to right: {a} + {b} = {total}, then {total} − {c} = {total - c}.",
            level,
        )
    if rng.random() < 0.5:
        return _numeric(
            f"What is {a} + {b}?",
            a + b,
            f"Add column by column, carrying when a column passes 9: {a} + {b} = {a + b}. "
            f"Check: {a + b} − {b} = {a}.",
            level,
        )
    a, b = max(a, b), min(a, b)
    return _numeric(
        f"What is {a} − {b}?",
        a - b,
        f"Subtract column by column, borrowing when needed: {a} − {b} = {a - b}. "
        f"Check: {a - b} + {b} = {a}.",
        level,
    )


def _multiplication_question(rng: random.Random, level: int) -> QuestionSpec:
    if level == 1:
        a, b = rng.randint(2, 12), rng.randint(2, 12)
        explanation = f"{a} groups of {b} make {a * b}, so {a} × {b} = {a * b}."
    else:
        a = rng.choice([n for n in range(12, 100) if n % 10])
        b = rng.randint(3, 9) if level == 2 else rng.randint(12, 99)
        tens, ones = a - a % 10, a % 10
        explanation = (
            f"Split {a} into {tens} + {ones}: {tens} × {b} = {tens * b} and "
            f"{ones} × {b} = {ones * b}, so {a} × {b} = {tens * b} + {ones * b} = {a * b}."
        )
    return _numeric(f"What is {a} × {b}?", a * b, explanation, level)


_MISSING_NUMERATOR = "What is the missing numerator?"


def _same_denominator(rng: random.Random, level: int) -> QuestionSpec:
    d = rng.randint(3, 12)
    a, b = rng.randint(1, d - 1), rng.randint(1, d - 1)
    if a > b and rng.random() < 0.5:
        return _numeric(
            f"{a}/{d} − {b}/{d} = ?/{d}. {_MISSING_NUMERATOR}",
            a - b,
            f"The denominators are both {d}, so subtract the numerators: {a} − {b} = {a - b}.",
            level,
        )
    return _numeric(
        f"{a}/{d} + {b}/{d} = ?/{d}. {_MISSING_NUMERATOR}",
        a + b,
        f"The denominators are both {d}, so add the numerators: {a} + {b} = {a + b}.",
        level,
    )


def _equivalent_fraction(rng: random.Random, level: int) -> QuestionSpec:
    d = rng.randint(2, 6) if level == 1 else rng.randint(3, 10)
    n = rng.choice([k for k in range(1, d) if gcd(k, d) == 1])
    k = rng.randint(2, 5)
    target = Fraction(n, d)
    candidates = (
        f"{n * k + 1}/{d * k}",
        f"{n * k - 1}/{d * k}",
        f"{n * k}/{d * k + 1}",
        f"{n + k}/{d + k}",
        f"{n * k}/{d + k}",
        f"{n + 1}/{d * k}",
    )
    return _choice(
        rng,
        f"Which fraction is equal to {n}/{d}?",
        f"{n * k}/{d * k}",
        [text for text in candidates if Fraction(text) != target],
        f"Multiply the top and bottom of {n}/{d} by {k}: {n} × {k} = {n * k} and "
        f"{d} × {k} = {d * k}.",
        level,
    )


def _related_denominators(rng: random.Random, level: int) -> QuestionSpec:
    small = rng.randint(2, 6)
    factor = rng.randint(2, 4)
    big = small * factor
    a = rng.choice([n for n in range(1, small) if gcd(n, small) == 1])
    c = rng.choice([n for n in range(1, big) if gcd(n, big) == 1])
    scaled = a * factor
    step = f"Rewrite {a}/{small} as {scaled}/{big} by multiplying the top and bottom by {factor}"
    if scaled > c and rng.random() < 0.5:
        return _numeric(
            f"{a}/{small} − {c}/{big} = ?/{big}. {_MISSING_NUMERATOR}",
            scaled - c,
            f"{step}, then subtract the numerators: {scaled} − {c} = {scaled - c}.",
            level,
        )
    return _numeric(
        f"{a}/{small} + {c}/{big} = ?/{big}. {_MISSING_NUMERATOR}",
        scaled + c,
        f"{step}, then add the numerators: {scaled} + {c} = {scaled + c}.",
        level,
    )


def _fraction_to_decimal(rng: random.Random, level: int) -> QuestionSpec:
    d = rng.choice((2, 4, 5, 8, 20, 25))
    n = rng.choice([k for k in range(1, d) if gcd(k, d) == 1])
    power = next(p for p in range(1, 4) if 10**p % d == 0)
    scaled = n * (10**power // d)
    return _numeric(
        f"Write {n}/{d} as a decimal.",
        Fraction(n, d),
        f"{n}/{d} = {scaled}/{10**power}, which is {_exact(Fraction(n, d))}.",
        level,
    )


def _unlike_denominators(rng: random.Random, level: int, as_decimal: bool) -> QuestionSpec:
    if as_decimal:
        d1, d2 = rng.sample((2, 4, 5, 8, 10, 20), 2)
    else:
        d1, d2 = rng.choice([(p, q) for p in range(2, 10) for q in range(2, 10) if p % q and q % p])
    a = rng.choice([n for n in range(1, d1) if gcd(n, d1) == 1])
    c = rng.choice([n for n in range(1, d2) if gcd(n, d2) == 1])
    common = lcm(d1, d2)
    x, y = a * common // d1, c * common // d2
    sign, result = ("−", x - y) if x > y and rng.random() < 0.5 else ("+", x + y)
    sum_text = f"{a}/{d1} {sign} {c}/{d2}"
    steps = f"Use the common denominator {common}: {x}/{common} {sign} {y}/{common} = "
    if as_decimal:
        value = Fraction(result, common)
        if value.denominator == 1:
            return _unlike_denominators(rng, level, as_decimal)
        return _numeric(
            f"What is {sum_text}? Give your answer as a decimal.",
            value,
            f"{steps}{result}/{common} = {_exact(value)}.",
            level,
        )
    return _numeric(
        f"{sum_text} = ?/{common}. {_MISSING_NUMERATOR}",
        result,
        f"{steps}{result}/{common}.",
        level,
    )


def _largest_fraction(rng: random.Random, level: int) -> QuestionSpec:
    values: list[Fraction] = []
    while len(values) < 4:
        d = rng.choice((3, 4, 5, 6, 8, 10, 12))
        value = Fraction(rng.randint(1, d - 1), d)
        if value.denominator == d and value not in values:
            values.append(value)
    texts = [_fraction(value) for value in values]
    common = lcm(*(value.denominator for value in values))
    steps = ", ".join(
        f"{_fraction(v)} = {v.numerator * common // v.denominator}/{common}" for v in values
    )
    answer = _fraction(max(values))
    return _choice(
        rng,
        f"Which of these fractions is the largest: {', '.join(texts[:-1])} or {texts[-1]}?",
        answer,
        texts,
        f"With a common denominator of {common}: {steps}. The biggest numerator belongs to "
        f"{answer}.",
        level,
    )


def _fraction_question(rng: random.Random, level: int) -> QuestionSpec:
    roll = rng.random()
    if level == 1:
        return _equivalent_fraction(rng, level) if roll < 0.3 else _same_denominator(rng, level)
    if level == 2:
        return _fraction_to_decimal(rng, level) if roll < 0.4 else _related_denominators(rng, level)
    if roll < 0.25:
        return _largest_fraction(rng, level)
    return _unlike_denominators(rng, level, as_decimal=roll < 0.6)


_COMMON_FRACTIONS = ("1/2", "1/3", "1/4", "3/4", "1/5", "2/5", "3/5", "4/5", "1/10", "3/10")
_SALE_ITEMS = ("bike", "jacket", "video game", "skateboard", "tent", "pair of sneakers")
_NO_PERCENT_SIGN = "Type the number without the % sign."


def _percent_of(rng: random.Random, level: int) -> QuestionSpec:
    if level == 1:
        percent = rng.choice((10, 20, 25, 50, 75))
    else:
        percent = rng.choice([p for p in range(5, 100, 5) if p not in (10, 20, 25, 50, 75)])
    share = Fraction(percent, 100)
    whole = share.denominator * rng.randint(1, (200 if level == 1 else 400) // share.denominator)
    part = whole * share
    if level == 1 and share.numerator == 1:
        explanation = (
            f"{percent}% = {_fraction(share)}, so divide by {share.denominator}: "
            f"{whole} ÷ {share.denominator} = {part}."
        )
    elif level == 1:
        explanation = (
            f"{percent}% = {_fraction(share)}, so divide by {share.denominator} and multiply by "
            f"{share.numerator}: {whole} ÷ {share.denominator} × {share.numerator} = {part}."
        )
    else:
        explanation = (
            f"{percent}% of {whole} = {whole} × {percent} ÷ 100 = {whole * percent} ÷ 100 = {part}."
        )
    return _numeric(f"What is {percent}% of {whole}?", part, explanation, level)


def _percent_as_fraction(rng: random.Random, level: int) -> QuestionSpec:
    percent = rng.choice((10, 20, 25, 30, 40, 50, 60, 75, 80))
    target = Fraction(percent, 100)
    return _choice(
        rng,
        f"Which fraction is equal to {percent}%?",
        _fraction(target),
        [*_COMMON_FRACTIONS, f"1/{percent}"],
        f"{percent}% means {percent}/100, which simplifies to {_fraction(target)}.",
        level,
    )


def _percent_share(rng: random.Random, level: int) -> QuestionSpec:
    whole = rng.choice((20, 25, 40, 50, 80, 200, 250, 500))
    percent = rng.choice([p for p in range(1, 100) if whole * p % 100 == 0])
    part = whole * percent // 100
    return _numeric(
        f"What percentage of {whole} is {part}? {_NO_PERCENT_SIGN}",
        percent,
        f"{part} ÷ {whole} = {_exact(Fraction(part, whole))}, and multiplying by 100 gives "
        f"{percent}%.",
        level,
    )


def _percent_change(rng: random.Random, level: int) -> QuestionSpec:
    item = rng.choice(_SALE_ITEMS)
    percent = rng.randrange(5, 55, 5)
    price = 20 * rng.randint(1, 20)
    sale = price * (100 - percent) // 100
    roll = rng.random()
    if roll < 0.35:
        return _numeric(
            f"A {item} costs ${price}. In a sale its price is cut by {percent}%. "
            "What is the sale price in dollars?",
            sale,
            f"{percent}% of {price} is {price - sale}, so the sale price is "
            f"{price} − {price - sale} = {sale}.",
            level,
        )
    if roll < 0.65:
        people = 100 * rng.randint(5, 90)
        growth = rng.randint(2, 30)
        extra = people * growth // 100
        return _numeric(
            f"A town has {people} people. Its population grows by {growth}%. "
            "How many people live there now?",
            people + extra,
            f"{growth}% of {people} is {extra}, so the new population is "
            f"{people} + {extra} = {people + extra}.",
            level,
        )
    return _numeric(
        f"After a {percent}% discount, a {item} costs ${sale}. "
        "What was its price before the discount, in dollars?",
        price,
        f"The sale price is {100 - percent}% of the original price, so the original price is "
        f"{sale} ÷ {_exact(Fraction(100 - percent, 100))} = {price}.",
        level,
    )


def _percentage_question(rng: random.Random, level: int) -> QuestionSpec:
    roll = rng.random()
    if level == 1:
        return _percent_as_fraction(rng, level) if roll < 0.3 else _percent_of(rng, level)
    if level == 2:
        return _percent_share(rng, level) if roll < 0.35 else _percent_of(rng, level)
    return _percent_change(rng, level)


def _one_step_equation(rng: random.Random, level: int) -> QuestionSpec:
    a = rng.randint(2, 12)
    form = rng.choice(("add", "subtract", "multiply"))
    if form == "add":
        x = rng.randint(1, 20)
        return _numeric(
            f"Solve for x: x + {a} = {x + a}",
            x,
            f"Subtract {a} from both sides: x = {x + a} − {a} = {x}.",
            level,
        )
    if form == "subtract":
        x = rng.randint(a + 1, a + 20)
        return _numeric(
            f"Solve for x: x − {a} = {x - a}",
            x,
            f"Add {a} to both sides: x = {x - a} + {a} = {x}.",
            level,
        )
    x = rng.randint(2, 12)
    return _numeric(
        f"Solve for x: {a}x = {a * x}",
        x,
        f"Divide both sides by {a}: x = {a * x} ÷ {a} = {x}.",
        level,
    )


def _undo_constant(constant: int) -> str:
    if constant > 0:
        return f"Subtract {constant} from both sides"
    return f"Add {-constant} to both sides"


def _two_step_equation(rng: random.Random, level: int) -> QuestionSpec:
    a = rng.randint(2, 9)
    b = rng.choice([n for n in range(-20, 21) if n])
    if level == 2 and rng.random() < 0.3:
        k = rng.randint(1, 12)
        b = abs(b)
        return _numeric(
            f"Solve for x: x ÷ {a} + {b} = {k + b}",
            a * k,
            f"Subtract {b} from both sides: x ÷ {a} = {k}. "
            f"Multiply both sides by {a}: x = {a * k}.",
            level,
        )
    x = rng.randint(1, 12) if level == 2 else rng.randint(-12, -1)
    return _numeric(
        f"Solve for x: {_linear(a, b)} = {_signed(a * x + b)}",
        x,
        f"{_undo_constant(b)}: {a}x = {_signed(a * x)}. "
        f"Divide both sides by {a}: x = {_signed(x)}.",
        level,
    )


def _hard_equation(rng: random.Random, level: int) -> QuestionSpec:
    roll = rng.random()
    if roll < 0.3:
        return _two_step_equation(rng, level)
    x = rng.choice([n for n in range(-9, 13) if n])
    if roll < 0.65:
        a, b = rng.randint(2, 6), rng.choice([n for n in range(-9, 10) if n])
        return _numeric(
            f"Solve for x: {a}({_linear(1, b)}) = {_signed(a * (x + b))}",
            x,
            f"Divide both sides by {a}: {_linear(1, b)} = {_signed(x + b)}. "
            f"{_undo_constant(b)}: x = {_signed(x)}.",
            level,
        )
    c = rng.randint(1, 6)
    k = rng.randint(2, 6)
    b = rng.randint(-15, 15)
    d = k * x + b
    steps = f"Subtract {_term(c)} from both sides: {_linear(k, b)} = {_signed(d)}. "
    if b:
        steps += f"{_undo_constant(b)}: {k}x = {_signed(d - b)}. "
    return _numeric(
        f"Solve for x: {_linear(c + k, b)} = {_linear(c, d)}",
        x,
        f"{steps}Divide both sides by {k}: x = {_signed(x)}.",
        level,
    )


def _linear_equation_question(rng: random.Random, level: int) -> QuestionSpec:
    return (_one_step_equation, _two_step_equation, _hard_equation)[level - 1](rng, level)


def _rectangle_choice(rng: random.Random, level: int) -> QuestionSpec:
    length, width = rng.randint(3, 12), rng.randint(2, 9)
    length, width = max(length, width), min(length, width)
    half = length + width
    perimeter = 2 * half
    area_traps = [
        f"{x} cm by {perimeter // x} cm"
        for x in range(2, 16)
        if perimeter % x == 0 and x >= perimeter // x >= 2 and x + perimeter // x != half
    ]
    near = [
        f"{x} cm by {y} cm"
        for x in range(2, 16)
        for y in range(2, x + 1)
        if abs(x + y - half) in (1, 2)
    ]
    return _choice(
        rng,
        f"Which rectangle has a perimeter of {perimeter} cm?",
        f"{length} cm by {width} cm",
        rng.sample(area_traps, min(1, len(area_traps))) + rng.sample(near, 3),
        f"Perimeter = 2 × ({length} + {width}) = 2 × {half} = {perimeter} cm. "
        "Each of the other rectangles has a different perimeter.",
        level,
    )


def _area_perimeter_question(rng: random.Random, level: int) -> QuestionSpec:
    unit = rng.choice(("cm", "m"))
    roll = rng.random()
    if level == 1:
        if roll < 0.3:
            side = rng.randint(2, 15)
            if roll < 0.15:
                return _numeric(
                    f"A square has sides of {side} {unit}. What is its perimeter in {unit}?",
                    4 * side,
                    f"Perimeter = 4 × side = 4 × {side} = {4 * side} {unit}.",
                    level,
                )
            return _numeric(
                f"A square has sides of {side} {unit}. What is its area in {unit}²?",
                side * side,
                f"Area = side × side = {side} × {side} = {side * side} {unit}².",
                level,
            )
        length = rng.randint(3, 15)
        width = rng.randint(2, length - 1)
        shape = f"A rectangle is {length} {unit} long and {width} {unit} wide."
        if roll < 0.65:
            return _numeric(
                f"{shape} What is its area in {unit}²?",
                length * width,
                f"Area = length × width = {length} × {width} = {length * width} {unit}².",
                level,
            )
        return _numeric(
            f"{shape} What is its perimeter in {unit}?",
            2 * (length + width),
            f"Perimeter = 2 × (length + width) = 2 × ({length} + {width}) = "
            f"{2 * (length + width)} {unit}.",
            level,
        )
    if level == 2:
        if roll < 0.2:
            return _rectangle_choice(rng, level)
        if roll < 0.45:
            width, length = rng.randint(2, 12), rng.randint(3, 15)
            area = length * width
            return _numeric(
                f"A rectangle has an area of {area} {unit}² and a width of {width} {unit}. "
                f"What is its length in {unit}?",
                length,
                f"Length = area ÷ width = {area} ÷ {width} = {length} {unit}.",
                level,
            )
        if roll < 0.65:
            side = rng.randint(3, 25)
            return _numeric(
                f"A square has a perimeter of {4 * side} {unit}. How long is each side, in {unit}?",
                side,
                f"A square has 4 equal sides, so each side is {4 * side} ÷ 4 = {side} {unit}.",
                level,
            )
        base, height = rng.randint(2, 20), rng.randrange(2, 21, 2)
        return _numeric(
            f"A triangle has a base of {base} {unit} and a height of {height} {unit}. "
            f"What is its area in {unit}²?",
            base * height // 2,
            f"Area = ½ × base × height = ½ × {base} × {height} = {base * height // 2} {unit}².",
            level,
        )
    if roll < 0.5:
        width, height = rng.randint(6, 15), rng.randint(5, 12)
        cut_w, cut_h = rng.randint(2, width - 2), rng.randint(2, height - 2)
        shape = (
            f"An L-shaped garden is a {width} m by {height} m rectangle with a {cut_w} m by "
            f"{cut_h} m rectangle cut out of one corner."
        )
        if roll < 0.25:
            area = width * height - cut_w * cut_h
            return _numeric(
                f"{shape} What is its area in m²?",
                area,
                f"Area = {width} × {height} − {cut_w} × {cut_h} = {width * height} − "
                f"{cut_w * cut_h} = {area} m².",
                level,
            )
        return _numeric(
            f"{shape} What is its perimeter in m?",
            2 * (width + height),
            "The two edges of the cut-out corner are exactly as long as the parts of the outer "
            f"edges that were removed, so the perimeter is 2 × ({width} + {height}) = "
            f"{2 * (width + height)} m.",
            level,
        )
    pi = Fraction("3.14")
    if roll < 0.75:
        radius = rng.randint(2, 9)
        area = pi * radius * radius
        return _numeric(
            f"A circle has a radius of {radius} {unit}. Using π = 3.14, what is its area in "
            f"{unit}²? Give your answer as a decimal.",
            area,
            f"Area = π × r² = 3.14 × {radius} × {radius} = 3.14 × {radius * radius} = "
            f"{_exact(area)} {unit}².",
            level,
        )
    diameter = rng.randint(3, 25)
    circumference = pi * diameter
    return _numeric_rounded(
        f"A circle has a diameter of {diameter} {unit}. Using π = 3.14, what is its "
        f"circumference in {unit}? Round to 1 decimal place.",
        circumference,
        1,
        f"Circumference = π × diameter = 3.14 × {diameter} = {_exact(circumference)}, which "
        f"rounds to {_rounded(circumference, 1)} {unit}.",
        level,
    )


def _generated(make: Maker, per_level: int = 10) -> Builder:
    return lambda rng: _fill(rng, make, per_level)


# --- reading & language ----------------------------------------------------------------------

# (level, part of speech, shared meaning, words that all mean nearly the same)
_SYNONYM_GROUPS: tuple[tuple[int, str, str, tuple[str, ...]], ...] = (
    (1, "adjective", "of great size", ("big", "large", "huge", "enormous")),
    (1, "adjective", "of little size", ("small", "little", "tiny")),
    (1, "adjective", "feeling pleased", ("happy", "glad", "cheerful")),
    (1, "adjective", "feeling sorrow", ("sad", "unhappy", "miserable")),
    (1, "adjective", "moving at high speed", ("fast", "rapid", "speedy")),
    (1, "verb", "to get something going", ("begin", "start")),
    (1, "verb", "to make something work again", ("repair", "fix", "mend")),
    (1, "verb", "to call out loudly", ("shout", "yell")),
    (1, "verb", "to decide which one you want", ("choose", "pick", "select")),
    (2, "adjective", "feeling very annoyed", ("angry", "furious", "mad")),
    (2, "adjective", "ready to face danger", ("brave", "courageous", "fearless")),
    (2, "adjective", "quick to learn and understand", ("clever", "intelligent", "brainy")),
    (2, "adjective", "quiet and free from worry", ("calm", "peaceful", "tranquil")),
    (2, "adjective", "needing rest", ("tired", "weary", "exhausted")),
    (2, "verb", "to bring things together", ("gather", "collect")),
    (2, "verb", "to say words out loud", ("speak", "talk")),
    (2, "verb", "to say or write something back", ("reply", "answer", "respond")),
    (2, "verb", "to move something so it is not open", ("shut", "close")),
    (3, "adjective", "not easy to do", ("difficult", "challenging", "demanding")),
    (3, "adjective", "happy to give to others", ("generous", "unselfish")),
    (3, "adjective", "telling the truth", ("honest", "truthful", "sincere")),
    (3, "adjective", "not found very often", ("rare", "uncommon", "scarce")),
    (3, "adjective", "known by many people", ("famous", "renowned", "well-known")),
    (3, "adjective", "likely to cause harm", ("dangerous", "hazardous", "perilous")),
    (3, "adjective", "easily broken", ("fragile", "breakable")),
    (3, "verb", "to go out of sight", ("vanish", "disappear")),
    (3, "verb", "to stop for a moment", ("hesitate", "pause")),
    (3, "verb", "to leave behind for good", ("abandon", "forsake")),
    (3, "verb", "to look at closely", ("examine", "inspect", "scrutinize")),
)


def _synonyms(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for level, part, meaning, words in _SYNONYM_GROUPS:
        unrelated = [
            word
            for other_level, other_part, _, group in _SYNONYM_GROUPS
            if other_level == level and other_part == part and group != words
            for word in group
        ]
        for cue in words:
            answer = rng.choice([word for word in words if word != cue])
            questions.append(
                _choice(
                    rng,
                    f'Which word means nearly the same as "{cue}"?',
                    answer,
                    unrelated,
                    f'"{cue}" and "{answer}" both mean "{meaning}". The other words mean '
                    "something different.",
                    level,
                )
            )
    return questions


# (level, word, its opposite, related words that are not its opposite)
_ANTONYMS: tuple[tuple[int, str, str, tuple[str, str, str]], ...] = (
    (1, "hot", "cold", ("warm", "boiling", "sunny")),
    (1, "up", "down", ("above", "high", "over")),
    (1, "open", "closed", ("wide", "unlocked", "ajar")),
    (1, "fast", "slow", ("quick", "rapid", "speedy")),
    (1, "happy", "sad", ("glad", "cheerful", "joyful")),
    (1, "full", "empty", ("packed", "crowded", "stuffed")),
    (1, "wet", "dry", ("damp", "soaked", "rainy")),
    (1, "young", "old", ("youthful", "junior", "small")),
    (1, "early", "late", ("soon", "first", "prompt")),
    (1, "loud", "quiet", ("noisy", "booming", "shrill")),
    (1, "tall", "short", ("high", "giant", "towering")),
    (1, "win", "lose", ("score", "beat", "succeed")),
    (1, "push", "pull", ("shove", "press", "move")),
    (1, "strong", "weak", ("powerful", "tough", "mighty")),
    (2, "ancient", "modern", ("old", "historic", "aged")),
    (2, "brave", "cowardly", ("bold", "daring", "fearless")),
    (2, "generous", "selfish", ("kind", "giving", "charitable")),
    (2, "difficult", "easy", ("hard", "tough", "tricky")),
    (2, "accept", "refuse", ("agree", "take", "welcome")),
    (2, "arrive", "depart", ("reach", "enter", "land")),
    (2, "expand", "shrink", ("grow", "stretch", "swell")),
    (2, "victory", "defeat", ("win", "triumph", "success")),
    (2, "polite", "rude", ("kind", "courteous", "friendly")),
    (2, "rough", "smooth", ("bumpy", "coarse", "uneven")),
    (2, "include", "exclude", ("contain", "involve", "add")),
    (3, "ascend", "descend", ("climb", "rise", "soar")),
    (3, "scarce", "plentiful", ("rare", "few", "limited")),
    (3, "transparent", "opaque", ("clear", "see-through", "glassy")),
    (3, "temporary", "permanent", ("brief", "short-term", "passing")),
    (3, "optimistic", "pessimistic", ("hopeful", "positive", "cheerful")),
    (3, "reluctant", "eager", ("unwilling", "hesitant", "slow")),
    (3, "maximum", "minimum", ("most", "greatest", "highest")),
    (3, "innocent", "guilty", ("blameless", "harmless", "pure")),
    (3, "voluntary", "compulsory", ("optional", "free", "willing")),
    (3, "conceal", "reveal", ("hide", "cover", "bury")),
    (3, "frequent", "rare", ("common", "regular", "often")),
    (3, "artificial", "natural", ("fake", "man-made", "synthetic")),
    (3, "humble", "arrogant", ("modest", "meek", "simple")),
)


def _antonyms(rng: random.Random) -> list[QuestionSpec]:
    return [
        _choice(
            rng,
            f'Which word means the opposite of "{word}"?',
            opposite,
            related,
            f'"{opposite}" is the opposite of "{word}". The other words are similar in meaning '
            f'to "{word}" or go along with it, but none of them is its opposite.',
            level,
        )
        for level, word, opposite, related in _ANTONYMS
    ]


_PARTS_OF_SPEECH = {
    "noun": "names a person, place, thing or idea",
    "verb": "shows an action or a state of being",
    "adjective": "describes a noun",
    "adverb": "describes a verb, an adjective or another adverb",
    "pronoun": "takes the place of a noun",
    "preposition": "shows how a noun is related to the rest of the sentence",
    "conjunction": "joins words or parts of a sentence",
}
_BASIC_PARTS = ("noun", "verb", "adjective", "adverb")

# (level, sentence, word, part of speech, what the word does in this sentence)
_TAGGED_WORDS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "The hungry cat ate its dinner.", "cat", "noun", "it names the animal"),
    (1, "The hungry cat ate its dinner.", "hungry", "adjective", "it describes the cat"),
    (1, "The hungry cat ate its dinner.", "ate", "verb", "it tells what the cat did"),
    (1, "My sister plays the piano.", "plays", "verb", "it tells what my sister does"),
    (1, "My sister plays the piano.", "piano", "noun", "it names a thing"),
    (1, "We climbed a tall mountain.", "tall", "adjective", "it describes the mountain"),
    (1, "We climbed a tall mountain.", "mountain", "noun", "it names a place"),
    (1, "We climbed a tall mountain.", "climbed", "verb", "it tells what we did"),
    (1, "The red balloon floated away.", "red", "adjective", "it describes the balloon"),
    (1, "The red balloon floated away.", "floated", "verb", "it tells what the balloon did"),
    (1, "Birds sing in the morning.", "sing", "verb", "it tells what the birds do"),
    (2, "She quickly finished her homework.", "quickly", "adverb", "it tells how she finished"),
    (2, "She quickly finished her homework.", "She", "pronoun", "it stands for a girl's name"),
    (2, "The children laughed loudly.", "loudly", "adverb", "it tells how they laughed"),
    (2, "The children laughed loudly.", "children", "noun", "it names the people laughing"),
    (2, "He carefully painted the old fence.", "carefully", "adverb", "it tells how he painted"),
    (2, "He carefully painted the old fence.", "He", "pronoun", "it stands for a person's name"),
    (2, "He carefully painted the old fence.", "old", "adjective", "it describes the fence"),
    (2, "They gave us some delicious cookies.", "They", "pronoun", "it stands for some people"),
    (2, "They gave us some delicious cookies.", "delicious", "adjective", "it describes cookies"),
    (2, "The owl hooted softly in the dark.", "softly", "adverb", "it tells how the owl hooted"),
    (
        3,
        "The cat hid under the bed.",
        "under",
        "preposition",
        "it links the bed to where the cat hid",
    ),
    (3, "I wanted pizza and salad.", "and", "conjunction", "it joins pizza and salad"),
    (3, "We walked to school, but it started to rain.", "but", "conjunction", "it joins two ideas"),
    (3, "She went for a long run.", "run", "noun", "it names the thing she went for"),
    (3, "They run around the park every morning.", "run", "verb", "it tells what they do"),
    (3, "The fast train arrived early.", "fast", "adjective", "it describes the train"),
    (3, "Cheetahs can run very fast.", "fast", "adverb", "it tells how cheetahs run"),
    (3, "The book on the shelf is mine.", "on", "preposition", "it links the book to the shelf"),
    (3, "The very tired runner sat down.", "very", "adverb", "it tells how tired the runner was"),
    (3, "Although it was cold, we went swimming.", "Although", "conjunction", "it joins two ideas"),
    (3, "Please light the candle.", "light", "verb", "it tells what to do to the candle"),
    (3, "The light in the kitchen is broken.", "light", "noun", "it names the broken thing"),
)


def _parts_of_speech(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for level, sentence, word, part, role in _TAGGED_WORDS:
        pool = _BASIC_PARTS if level == 1 else tuple(_PARTS_OF_SPEECH)
        article = "an" if part[0] in "aeiou" else "a"
        questions.append(
            _choice(
                rng,
                f'In the sentence "{sentence}", what part of speech is "{word}"?',
                part,
                pool,
                f'"{word}" is {article} {part} here: {role}. {article.capitalize()} {part} '
                f"{_PARTS_OF_SPEECH[part]}.",
                level,
            )
        )
    return questions


_HOMOPHONE_GROUPS = (
    ("their", "there", "they're"),
    ("to", "too", "two"),
    ("for", "four", "fore"),
    ("pair", "pear", "pare"),
    ("right", "write", "rite"),
    ("buy", "by", "bye"),
    ("your", "you're", "yore"),
    ("its", "it's", "its'"),
    ("so", "sew", "sow"),
    ("whose", "who's", "whom"),
    ("rain", "reign", "rein"),
    ("cent", "scent", "sent"),
)

_HOMOPHONE_MEANINGS = {
    "their": "belonging to them",
    "there": "in or at that place",
    "they're": "they are",
    "to": "toward, or part of a verb such as “to go”",
    "too": "also, or more than enough",
    "two": "the number 2",
    "for": "meant for someone or something",
    "four": "the number 4",
    "pair": "a set of two",
    "pear": "a kind of fruit",
    "pare": "to cut away the skin or outer layer",
    "right": "the opposite of left, or correct",
    "write": "to put words on paper",
    "buy": "to pay money for something",
    "by": "near, or done by someone",
    "your": "belonging to you",
    "you're": "you are",
    "its": "belonging to it",
    "it's": "it is",
    "so": "and therefore",
    "sew": "to stitch with a needle and thread",
    "sow": "to plant seeds",
    "whose": "belonging to which person",
    "who's": "who is",
    "rain": "water falling from clouds",
    "reign": "the time a king or queen rules",
    "rein": "a strap used to guide a horse",
    "cent": "a coin worth one hundredth of a dollar",
    "scent": "a smell",
    "sent": "the past tense of “send”",
}

# (level, sentence with a blank, correct word)
_HOMOPHONE_SENTENCES: tuple[tuple[int, str, str], ...] = (
    (1, "We left our bags over ___ by the door.", "there"),
    (1, "The twins forgot ___ lunch boxes at home.", "their"),
    (1, "My cousins said ___ coming to visit on Sunday.", "they're"),
    (1, "I would like ___ go to the park.", "to"),
    (1, "This soup is ___ hot to eat right now.", "too"),
    (1, "She has ___ brothers and one sister.", "two"),
    (1, "A square has ___ equal sides.", "four"),
    (1, "I made this birthday card ___ you.", "for"),
    (1, "I need a new ___ of socks.", "pair"),
    (1, "She ate a juicy ___ after lunch.", "pear"),
    (1, "Turn ___ at the end of the road.", "right"),
    (1, "Please ___ your name at the top of the page.", "write"),
    (1, "I saved my money to ___ a new book.", "buy"),
    (1, "The story was written ___ a famous author.", "by"),
    (2, "I think ___ going to love this book.", "you're"),
    (2, "Don't forget ___ coat when you go out.", "your"),
    (2, "Please put ___ shoes by the door.", "your"),
    (2, "Tell me when ___ ready to leave.", "you're"),
    (2, "The dog wagged ___ tail happily.", "its"),
    (2, "The weather report says ___ going to rain.", "it's"),
    (2, "The tree lost all of ___ leaves in the winter.", "its"),
    (2, "I can't find my pencil because ___ not in my bag.", "it's"),
    (2, "It was raining, ___ we played inside.", "so"),
    (2, "Grandpa showed me how to ___ a button onto my shirt.", "sew"),
    (2, "Farmers ___ seeds in the spring.", "sow"),
    (3, "Do you know ___ turn it is to wash the dishes?", "whose"),
    (3, "I wonder ___ coming to the party tonight.", "who's"),
    (3, "The girl ___ painting won first prize smiled proudly.", "whose"),
    (3, "The king's ___ lasted for forty years.", "reign"),
    (3, "The rider pulled on the left ___ to turn the horse.", "rein"),
    (3, "Heavy ___ flooded the streets overnight.", "rain"),
    (3, "The roses filled the garden with a sweet ___.", "scent"),
    (3, "I ___ my cousin a postcard last week.", "sent"),
    (3, "I found a one-___ coin on the sidewalk.", "cent"),
    (3, "Use a small knife to ___ the skin off the apple.", "pare"),
)


def _homophones(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for level, sentence, answer in _HOMOPHONE_SENTENCES:
        group = next(group for group in _HOMOPHONE_GROUPS if answer in group)
        questions.append(
            _choice(
                rng,
                f'Which word correctly fills the blank? "{sentence}"',
                answer,
                group,
                f'"{answer}" means {_HOMOPHONE_MEANINGS[answer]}, which is what this sentence '
                "needs.",
                level,
            )
        )
    return questions


# (level, affix, meaning, ((example word, what it means), ...)); meanings differ in each table
_PREFIXES: tuple[tuple[int, str, str, tuple[tuple[str, str], ...]], ...] = (
    (1, "un", "not", (("unhappy", "not happy"), ("unkind", "not kind"), ("unsafe", "not safe"))),
    (1, "re", "again", (("rewrite", "to write again"), ("rebuild", "to build again"))),
    (1, "pre", "before", (("preview", "to view before"), ("prehistoric", "before history"))),
    (1, "mis", "wrongly", (("misspell", "to spell wrongly"), ("misread", "to read wrongly"))),
    (1, "over", "too much", (("overeat", "to eat too much"), ("overcook", "to cook too much"))),
    (3, "sub", "under", (("submarine", "a ship that goes under the sea"),)),
    (3, "inter", "between", (("international", "between nations"),)),
    (3, "anti", "against", (("antibacterial", "working against bacteria"),)),
    (3, "post", "after", (("postwar", "after a war"),)),
    (
        3,
        "bi",
        "two",
        (("bicycle", "a cycle with two wheels"), ("bilingual", "using two languages")),
    ),
    (
        3,
        "tri",
        "three",
        (("tricycle", "a cycle with three wheels"), ("triangle", "a shape with three angles")),
    ),
    (3, "semi", "half", (("semicircle", "half of a circle"),)),
    (3, "co", "together", (("cooperate", "to work together"), ("coexist", "to exist together"))),
)

_SUFFIXES: tuple[tuple[int, str, str, tuple[tuple[str, str], ...]], ...] = (
    (2, "less", "without", (("careless", "without care"), ("fearless", "without fear"))),
    (2, "ful", "full of", (("hopeful", "full of hope"), ("joyful", "full of joy"))),
    (
        2,
        "able",
        "able to be",
        (("washable", "able to be washed"), ("breakable", "able to be broken")),
    ),
    (2, "ness", "the state of being", (("kindness", "being kind"), ("darkness", "being dark"))),
    (2, "ly", "in a certain way", (("slowly", "in a slow way"), ("quietly", "in a quiet way"))),
    (
        2,
        "er",
        "a person who does something",
        (("teacher", "one who teaches"), ("baker", "one who bakes")),
    ),
)


def _prefixes_suffixes(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for kind, table in (("prefix", _PREFIXES), ("suffix", _SUFFIXES)):
        meanings = [meaning for _, _, meaning, _ in table]
        for level, affix, meaning, examples in table:
            shown = f"{affix}-" if kind == "prefix" else f"-{affix}"
            for word, gloss in examples:
                questions.append(
                    _choice(
                        rng,
                        f'What does the {kind} "{shown}" mean in the word "{word}"?',
                        meaning,
                        meanings,
                        f'"{word}" means "{gloss}", so "{shown}" means "{meaning}".',
                        level,
                    )
                )
    return questions


_PERIOD, _QUESTION_MARK, _COMMA = "period (.)", "question mark (?)", "comma (,)"

# (level, sentence without its end mark, end mark, reason)
_END_MARKS: tuple[tuple[int, str, str, str], ...] = (
    (1, "The library opens at nine o'clock", _PERIOD, "statement"),
    (1, "My brother likes to play chess", _PERIOD, "statement"),
    (1, "We planted tomatoes in the garden", _PERIOD, "statement"),
    (1, "Penguins cannot fly", _PERIOD, "statement"),
    (1, "The train was late this morning", _PERIOD, "statement"),
    (1, "Where did you put my shoes", _QUESTION_MARK, "question"),
    (1, "What time does the movie start", _QUESTION_MARK, "question"),
    (1, "Can you help me carry this box", _QUESTION_MARK, "question"),
    (1, "Why is the sky blue", _QUESTION_MARK, "question"),
    (1, "Have you finished your homework", _QUESTION_MARK, "question"),
    (2, "I wonder where my shoes are", _PERIOD, "indirect"),
    (2, "Ask Sam if he wants to come with us", _PERIOD, "indirect"),
    (2, "She asked me what time it was", _PERIOD, "indirect"),
)

_END_MARK_REASONS = {
    "statement": "It is a statement that tells us something, so it ends with a period.",
    "question": "It asks a direct question, so it ends with a question mark.",
    "indirect": "It only reports a question instead of asking one, so it ends with a period.",
}

# (level, sentence with a blank, owner singular, owner plural, is the owner plural?)
_POSSESSIVES: tuple[tuple[int, str, str, str, bool], ...] = (
    (2, "The ___ tail was wagging.", "dog", "dogs", False),
    (2, "All the ___ bikes were parked outside the school.", "student", "students", True),
    (2, "The ___ nests were high up in the tree.", "bird", "birds", True),
    (2, "The ___ whistle was very loud.", "referee", "referees", False),
    (2, "The ___ engine would not start.", "car", "cars", False),
    (2, "The ___ petals were bright yellow.", "flower", "flowers", True),
    (2, "The ___ tails swished in the field.", "horse", "horses", True),
    (2, "The ___ roar echoed through the zoo.", "lion", "lions", False),
    (2, "The ___ desk was covered in papers.", "teacher", "teachers", False),
    (3, "The ___ toys were scattered across the floor.", "child", "children", True),
    (3, "The ___ shoes were lined up by the door.", "man", "men", True),
    (3, "The ___ team won the final.", "woman", "women", True),
    (3, "The ___ tails were long and thin.", "mouse", "mice", True),
    (3, "The ___ feathers were soft and gray.", "goose", "geese", True),
)

# (level, topic, start of sentence, three list items)
_LISTS: tuple[tuple[int, str, str, tuple[str, str, str]], ...] = (
    (3, "a picnic", "We packed", ("sandwiches", "apples", "lemonade")),
    (3, "favorite colors", "My favorite colors are", ("red", "blue", "green")),
    (3, "a trip to the zoo", "At the zoo we saw", ("lions", "zebras", "giraffes")),
    (3, "shopping", "Mom bought", ("eggs", "bread", "milk")),
)

# (level, speaker, exact words spoken)
_QUOTES: tuple[tuple[int, str, str], ...] = (
    (3, "Mia", "I am ready"),
    (3, "Dad", "Dinner is on the table"),
    (3, "Coach Lee", "Run faster"),
    (3, "Grandma", "The garden looks lovely"),
)


def _possessive_question(
    rng: random.Random, level: int, sentence: str, single: str, plural: str, many: bool
) -> QuestionSpec:
    if not many:
        answer = f"{single}'s"
        explanation = f'There is only one {single}, so add an apostrophe and s: "{answer}".'
        hint = f"There is one {single}."
    elif plural.endswith("s"):
        answer = f"{plural}'"
        explanation = f'The plural "{plural}" already ends in s, so just add an apostrophe.'
        hint = f"There are several {plural}."
    else:
        answer = f"{plural}'s"
        explanation = f'"{plural}" is a plural that does not end in s, so add an apostrophe and s.'
        hint = f"There are several {plural}."
    wrong = (
        f"{single}'s",
        f"{single}s'",
        plural,
        f"{plural}'s",
        f"{plural}'" if plural.endswith("s") else f"{plural}s'",
    )
    return _choice(
        rng,
        f'Which word correctly fills the blank? "{sentence}" ({hint})',
        answer,
        wrong,
        explanation,
        level,
    )


def _punctuation(rng: random.Random) -> list[QuestionSpec]:
    questions = [
        _choice(
            rng,
            f'Which punctuation mark should end this sentence? "{sentence}"',
            mark,
            (_PERIOD, _QUESTION_MARK, _COMMA),
            _END_MARK_REASONS[reason],
            level,
        )
        for level, sentence, mark, reason in _END_MARKS
    ]
    questions += [_possessive_question(rng, *entry) for entry in _POSSESSIVES]
    for level, topic, start, (a, b, c) in _LISTS:
        questions.append(
            _choice(
                rng,
                f"Which sentence about {topic} uses commas correctly?",
                f"{start} {a}, {b}, and {c}.",
                (
                    f"{start} {a} {b} and {c}.",
                    f"{start}, {a} {b}, and {c}.",
                    f"{start} {a}, {b}, and, {c}.",
                ),
                f"Commas separate the items in a list: {a}, {b}, and {c}. No comma belongs "
                f'before the list starts or after "and".',
                level,
            )
        )
    for level, speaker, words in _QUOTES:
        questions.append(
            _choice(
                rng,
                f"Which sentence correctly punctuates what {speaker} said?",
                f'{speaker} said, "{words}."',
                (
                    f"{speaker} said, {words}.",
                    f'{speaker} said, "{words}.',
                    f'"{speaker} said, {words}."',
                ),
                "Put quotation marks around the exact words spoken, with a comma before them and "
                "the period inside the closing quotation mark.",
                level,
            )
        )
    return questions


# --- science ---------------------------------------------------------------------------------

# (level, element, symbol, Latin name when the symbol comes from it)
_ELEMENTS: tuple[tuple[int, str, str, str], ...] = (
    (1, "hydrogen", "H", ""),
    (1, "helium", "He", ""),
    (1, "carbon", "C", ""),
    (1, "nitrogen", "N", ""),
    (1, "oxygen", "O", ""),
    (1, "neon", "Ne", ""),
    (1, "calcium", "Ca", ""),
    (1, "sulfur", "S", ""),
    (1, "lithium", "Li", ""),
    (2, "magnesium", "Mg", ""),
    (2, "chlorine", "Cl", ""),
    (2, "aluminum", "Al", ""),
    (2, "zinc", "Zn", ""),
    (2, "silicon", "Si", ""),
    (2, "argon", "Ar", ""),
    (2, "phosphorus", "P", ""),
    (2, "fluorine", "F", ""),
    (2, "nickel", "Ni", ""),
    (3, "sodium", "Na", "natrium"),
    (3, "potassium", "K", "kalium"),
    (3, "iron", "Fe", "ferrum"),
    (3, "copper", "Cu", "cuprum"),
    (3, "silver", "Ag", "argentum"),
    (3, "gold", "Au", "aurum"),
    (3, "lead", "Pb", "plumbum"),
    (3, "tin", "Sn", "stannum"),
    (3, "mercury", "Hg", "hydrargyrum"),
)


def _chemical_symbols(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for level, name, symbol, latin in _ELEMENTS:
        origin = f" It comes from the Latin name {latin}." if latin else ""
        look_alikes = [name[0].upper(), name[:2].title(), (name[0] + name[2]).title()]
        others = [other for _, other, other_symbol, _ in _ELEMENTS if other_symbol != symbol]
        other_symbols = [s for _, other, s, _ in _ELEMENTS if s != symbol]
        questions.append(
            _choice(
                rng,
                f"What is the chemical symbol for {name}?",
                symbol,
                look_alikes + rng.sample(other_symbols, 2),
                f"The chemical symbol for {name} is {symbol}.{origin}",
                level,
            )
        )
        questions.append(
            _choice(
                rng,
                f"Which element has the chemical symbol {symbol}?",
                name,
                others,
                f"{symbol} is the symbol for {name}.{origin}",
                level,
            )
        )
    return questions


_STATES = ("solid", "liquid", "gas")
_STATE_REASONS = {
    "solid": "it keeps its own shape",
    "liquid": "it flows and takes the shape of its container",
    "gas": "it spreads out to fill all the space around it",
}

# (level, substance, state at room temperature, extra note)
_ROOM_TEMPERATURE: tuple[tuple[int, str, str, str], ...] = (
    (1, "water", "liquid", ""),
    (1, "a stone", "solid", ""),
    (1, "oxygen", "gas", ""),
    (1, "milk", "liquid", ""),
    (1, "wood", "solid", ""),
    (1, "the air around us", "gas", " Air is a mixture of gases."),
    (1, "orange juice", "liquid", ""),
    (1, "a metal spoon", "solid", ""),
    (1, "the helium in a party balloon", "gas", ""),
    (2, "sand", "solid", " Each grain keeps its shape, even though sand can be poured."),
    (2, "honey", "liquid", " Honey flows slowly, but it still flows."),
    (2, "carbon dioxide", "gas", " It is the gas we breathe out."),
    (3, "mercury", "liquid", " Mercury is a metal, but it melts at about −39 °C."),
    (3, "bromine", "liquid", " Bromine melts at about −7 °C and boils at about 59 °C."),
)

_CHANGES: tuple[tuple[str, str, str], ...] = (
    ("solid", "liquid", "melting"),
    ("liquid", "solid", "freezing"),
    ("liquid", "gas", "evaporation"),
    ("gas", "liquid", "condensation"),
    ("solid", "gas", "sublimation"),
    ("gas", "solid", "deposition"),
)

# (everyday example, name of the change)
_CHANGE_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("ice cubes turning into water in a warm drink", "melting"),
    ("drops of water forming on the outside of a cold glass", "condensation"),
    ("a puddle drying up on a sunny day", "evaporation"),
    ("melted candle wax turning hard as it cools", "freezing"),
    ("dry ice (solid carbon dioxide) turning straight into a gas", "sublimation"),
    ("frost forming on a window straight from water vapor on a cold night", "deposition"),
)

# (question, state, explanation)
_STATE_PROPERTIES: tuple[tuple[str, str, str], ...] = (
    (
        "In which state of matter do particles stay in fixed positions and only vibrate?",
        "solid",
        "In a solid the particles are held tightly in place, so they can only vibrate.",
    ),
    (
        "Which state of matter keeps its volume but takes the shape of its container?",
        "liquid",
        "Liquid particles stay close together but can slide past each other.",
    ),
    (
        "Which state of matter spreads out to fill any container it is in?",
        "gas",
        "Gas particles move freely in all directions until they fill the space.",
    ),
    (
        "In which state of matter are the particles farthest apart?",
        "gas",
        "Gas particles are far apart and move quickly in all directions.",
    ),
    (
        "Which state of matter is the easiest to squash into a smaller space?",
        "gas",
        "There is lots of empty space between gas particles, so they can be pushed closer.",
    ),
    (
        "Which state of matter has both a fixed shape and a fixed volume?",
        "solid",
        "Solid particles are locked in place, so both the shape and the volume stay the same.",
    ),
)


def _temperature_question(rng: random.Random, level: int) -> QuestionSpec:
    if level == 1:
        start = rng.randint(5, 95)
        return _numeric(
            f"Water boils at 100 °C. A pan of water is at {start} °C. By how many degrees "
            "Celsius must it warm up to start boiling?",
            100 - start,
            f"100 − {start} = {100 - start}, so it must warm up by {100 - start} °C.",
            level,
        )
    if level == 2:
        start = rng.randint(2, 30)
        return _numeric(
            f"Ice melts at 0 °C. A block of ice from a freezer is at −{start} °C. By how many "
            "degrees Celsius must it warm up to start melting?",
            start,
            f"From −{start} °C up to 0 °C is a rise of {start} °C.",
            level,
        )
    low, high = rng.randint(2, 20), rng.randint(2, 25)
    return _numeric(
        f"A pond freezes on a night when the temperature is −{low} °C. The next afternoon it "
        f"is {high} °C. By how many degrees Celsius did the temperature rise?",
        low + high,
        f"It rises {low} °C to reach 0 °C and then {high} °C more: {low} + {high} = "
        f"{low + high} °C.",
        level,
    )


def _states_of_matter(rng: random.Random) -> list[QuestionSpec]:
    questions = [
        _choice(
            rng,
            f"At room temperature (about 20 °C), is {substance} a solid, a liquid or a gas?",
            state,
            _STATES,
            f"{substance[0].upper()}{substance[1:]} is a {state} at room temperature: "
            f"{_STATE_REASONS[state]}.{note}",
            level,
        )
        for level, substance, state, note in _ROOM_TEMPERATURE
    ]
    names = [name for _, _, name in _CHANGES]
    questions += [
        _choice(
            rng,
            f"What is the name for the change from a {start} to a {end}?",
            name,
            names,
            f"A change from {start} to {end} is called {name}.",
            2,
        )
        for start, end, name in _CHANGES
    ]
    questions += [
        _choice(rng, question, state, _STATES, explanation, 2)
        for question, state, explanation in _STATE_PROPERTIES
    ]
    for example, name in _CHANGE_EXAMPLES:
        start, end = next((s, e) for s, e, n in _CHANGES if n == name)
        questions.append(
            _choice(
                rng,
                f"What is the name of this change of state: {example}?",
                name,
                names,
                f"This is a change from {start} to {end}, which is called {name}.",
                3,
            )
        )
    return _fill(rng, _temperature_question, 12, questions)


_PLANETS = ("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")

# (level, question, answer, wrong answers or () for a numeric answer, explanation)
_SPACE_FACTS: tuple[tuple[int, str, str, tuple[str, ...], str], ...] = (
    (
        1,
        "Which planet is closest to the Sun?",
        "Mercury",
        ("Venus", "Earth", "Mars"),
        "Mercury is the first planet out from the Sun.",
    ),
    (
        1,
        "Which planet do we live on?",
        "Earth",
        ("Mars", "Venus", "Jupiter"),
        "We live on Earth, the third planet from the Sun.",
    ),
    (
        1,
        "Which planet is known as the Red Planet?",
        "Mars",
        ("Jupiter", "Venus", "Mercury"),
        "Rusty iron in its soil makes Mars look red.",
    ),
    (
        1,
        "Which is the largest planet in our solar system?",
        "Jupiter",
        ("Saturn", "Neptune", "Earth"),
        "Jupiter is the biggest planet: more than 1,000 Earths could fit inside it.",
    ),
    (
        1,
        "Which planet is farthest from the Sun?",
        "Neptune",
        ("Uranus", "Saturn", "Jupiter"),
        "Neptune is the eighth and last planet out from the Sun.",
    ),
    (
        1,
        "Which planet is famous for its wide, bright rings?",
        "Saturn",
        ("Mars", "Earth", "Mercury"),
        "Saturn's rings are made of ice and rock and are easy to see through a telescope.",
    ),
    (
        1,
        "What is at the center of our solar system?",
        "the Sun",
        ("the Earth", "the Moon", "Jupiter"),
        "All the planets travel around the Sun, which sits at the center.",
    ),
    (
        1,
        "What kind of object is the Sun?",
        "a star",
        ("a planet", "a moon", "a comet"),
        "The Sun is a star: a huge ball of hot gas that gives out its own light.",
    ),
    (
        1,
        "Which planet does our Moon travel around?",
        "Earth",
        ("Mars", "Venus", "Jupiter"),
        "The Moon orbits Earth about once every 27 days.",
    ),
    (
        1,
        "How many planets are in our solar system?",
        "8",
        (),
        "There are 8 planets: Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and Neptune.",
    ),
    (
        2,
        "Which is the smallest planet in our solar system?",
        "Mercury",
        ("Mars", "Venus", "Earth"),
        "Mercury is the smallest planet, only a little bigger than our Moon.",
    ),
    (
        2,
        "What is the band of rocky objects between Mars and Jupiter called?",
        "the asteroid belt",
        ("the Kuiper belt", "the Milky Way", "the ozone layer"),
        "Millions of rocky asteroids orbit the Sun between Mars and Jupiter.",
    ),
    (
        3,
        "Which planet has the hottest surface?",
        "Venus",
        ("Mercury", "Mars", "Earth"),
        "Venus's thick carbon dioxide atmosphere traps heat, making it hotter than Mercury.",
    ),
    (
        3,
        "Which planet spins tipped over on its side?",
        "Uranus",
        ("Neptune", "Saturn", "Mars"),
        "Uranus is tilted so far that it rolls around the Sun on its side.",
    ),
    (
        3,
        "Which planet has a giant storm called the Great Red Spot?",
        "Jupiter",
        ("Mars", "Saturn", "Neptune"),
        "The Great Red Spot is a storm on Jupiter that is wider than Earth.",
    ),
    (
        3,
        "Which two planets have no moons?",
        "Mercury and Venus",
        ("Mars and Venus", "Mercury and Mars", "Earth and Venus"),
        "Mercury and Venus have no moons; Earth has one and Mars has two.",
    ),
    (
        3,
        "What force keeps the planets in orbit around the Sun?",
        "gravity",
        ("magnetism", "friction", "air resistance"),
        "The Sun's gravity pulls on the planets and keeps them moving around it.",
    ),
    (
        3,
        "On which planet does one spin take longer than one trip around the Sun?",
        "Venus",
        ("Earth", "Mars", "Jupiter"),
        "Venus takes about 243 Earth days to spin once but only about 225 to orbit the Sun.",
    ),
    (
        3,
        (
            "How many days does Earth take to travel once around the Sun? "
            "Round to the nearest whole number."
        ),
        "365.25",
        (),
        "One orbit takes about 365.25 days, which rounds to 365.",
    ),
    (
        3,
        "How many planets in our solar system are bigger than Earth?",
        "4",
        (),
        "Jupiter, Saturn, Uranus and Neptune are all bigger than Earth.",
    ),
)


def _solar_system(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for level, question, answer, wrong, explanation in _SPACE_FACTS:
        if wrong:
            questions.append(_choice(rng, question, answer, wrong, explanation, level))
        elif "Round to the nearest whole number" in question:
            questions.append(_numeric_rounded(question, Fraction(answer), 0, explanation, level))
        else:
            questions.append(_numeric(question, Fraction(answer), explanation, level))
    for index, planet in enumerate(_PLANETS):
        neighbors = sorted(_PLANETS, key=lambda other: abs(_PLANETS.index(other) - index))
        order = f"Counting out from the Sun: {', '.join(_PLANETS[: index + 1])}."
        questions.append(
            _choice(
                rng,
                f"Which planet is the {_ORDINALS[index]} planet from the Sun?",
                planet,
                neighbors[1:4],
                order,
                2,
            )
        )
        if index >= 4:
            questions.append(
                _numeric(
                    f"Counting out from the Sun, what number planet is {planet}? "
                    "Type a whole number.",
                    index + 1,
                    order,
                    3,
                )
            )
    return questions


_UNIT_PLURALS = {
    "millimeter": "millimeters",
    "centimeter": "centimeters",
    "meter": "meters",
    "kilometer": "kilometers",
    "gram": "grams",
    "kilogram": "kilograms",
    "milliliter": "milliliters",
    "liter": "liters",
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
}

# (larger unit, smaller unit, how many smaller units make one larger unit)
_CONVERSIONS: tuple[tuple[str, str, int], ...] = (
    ("kilometer", "meter", 1000),
    ("meter", "centimeter", 100),
    ("centimeter", "millimeter", 10),
    ("meter", "millimeter", 1000),
    ("kilogram", "gram", 1000),
    ("liter", "milliliter", 1000),
    ("hour", "minute", 60),
    ("minute", "second", 60),
)

_TWO_STEP_CONVERSIONS: tuple[tuple[str, str, int, str], ...] = (
    ("kilometer", "centimeter", 100_000, "1 kilometer = 1000 meters and 1 meter = 100 centimeters"),
    ("hour", "second", 3600, "1 hour = 60 minutes and 1 minute = 60 seconds"),
)

_UNITS_BY_QUANTITY = {
    "length": ("millimeters", "centimeters", "meters", "kilometers"),
    "mass": ("grams", "kilograms"),
    "volume": ("milliliters", "liters"),
    "time": ("seconds", "minutes", "hours"),
}

# (what is measured, quantity, best unit)
_MEASURING_TASKS: tuple[tuple[str, str, str], ...] = (
    ("the mass of an apple", "mass", "grams"),
    ("the length of a pencil", "length", "centimeters"),
    ("the amount of water in a bathtub", "volume", "liters"),
    ("the time it takes to brush your teeth", "time", "minutes"),
    ("the distance between two cities", "length", "kilometers"),
)


def _conversion_question(rng: random.Random, level: int) -> QuestionSpec:
    big, small, factor = rng.choice(_CONVERSIONS)
    bigs, smalls = _UNIT_PLURALS[big], _UNIT_PLURALS[small]
    fact = f"There are {factor} {smalls} in 1 {big}"
    if level == 1:
        amount = rng.randint(2, 12)
        return _numeric(
            f"How many {smalls} are in {amount} {bigs}?",
            amount * factor,
            f"{fact}, so {amount} {bigs} = {amount} × {factor} = {amount * factor} {smalls}.",
            level,
        )
    if level == 2:
        step = factor // 20 if factor % 20 == 0 else 1
        amount = step * rng.randint(1, 60)
        value = Fraction(amount, factor)
        if value.denominator == 1 or rng.random() < 0.2:
            amount = amount + step if (amount + step) % factor else amount + 2 * step
            value = Fraction(amount, factor)
        return _numeric(
            f"Convert {amount} {smalls} to {bigs}. Give your answer as a decimal.",
            value,
            f"{fact}, so {amount} {smalls} = {amount} ÷ {factor} = {_exact(value)} {bigs}.",
            level,
        )
    if rng.random() < 0.3:
        big, small, factor, steps = rng.choice(_TWO_STEP_CONVERSIONS)
        bigs, smalls = _UNIT_PLURALS[big], _UNIT_PLURALS[small]
        fact = f"{steps}, which makes {factor} {smalls} in 1 {big}"
    amount = Fraction(rng.randint(11, 99), rng.choice((10, 4)))
    if amount.denominator == 1 or (amount * factor).denominator != 1:
        amount = Fraction(2 * rng.randint(1, 9) + 1, 2)
    return _numeric(
        f"How many {smalls} are in {_exact(amount)} {bigs}?",
        amount * factor,
        f"{fact}, so {_exact(amount)} {bigs} = {_exact(amount)} × {factor} = "
        f"{_exact(amount * factor)} {smalls}.",
        level,
    )


def _units(rng: random.Random) -> list[QuestionSpec]:
    questions = []
    for task, quantity, unit in _MEASURING_TASKS:
        wrong = [rng.choice(units) for q, units in _UNITS_BY_QUANTITY.items() if q != quantity]
        questions.append(
            _choice(
                rng,
                f"Which unit is best for measuring {task}?",
                unit,
                wrong,
                f"This is a measurement of {quantity}, and {unit} is the only unit of {quantity} "
                "among the choices.",
                1,
            )
        )
    return _fill(rng, _conversion_question, 10, questions)


_TRAVELERS: tuple[tuple[str, int, int], ...] = (
    ("walker", 3, 6),
    ("cyclist", 10, 30),
    ("bus", 30, 80),
    ("car", 40, 110),
    ("train", 60, 160),
)

_SPEED_FACTS: tuple[tuple[int, str, str, tuple[str, ...], str], ...] = (
    (
        1,
        "Which formula gives the speed of a moving object?",
        "speed = distance ÷ time",
        ("speed = distance × time", "speed = time ÷ distance", "speed = distance + time"),
        (
            "Speed tells you how much distance is covered in each unit of time, so divide the "
            "distance by the time."
        ),
    ),
    (
        2,
        "Which of these is a unit of speed?",
        "meters per second",
        ("square meters", "kilograms", "seconds"),
        "Speed is distance divided by time, so its unit is a distance unit per time unit.",
    ),
    (
        2,
        (
            "A car keeps the same speed but drives for twice as long. What happens to the "
            "distance it covers?"
        ),
        "It doubles.",
        ("It halves.", "It stays the same.", "It becomes four times as far."),
        "Distance = speed × time, so doubling the time doubles the distance.",
    ),
)


def _speed_question(rng: random.Random, level: int) -> QuestionSpec:
    who, slow, fast = rng.choice(_TRAVELERS)
    speed = rng.randint(slow, fast)
    roll = rng.random()
    if level == 1:
        hours = rng.randint(2, 5)
        if roll < 0.5:
            return _numeric(
                f"A {who} travels {speed * hours} km in {hours} hours at a steady speed. "
                f"What is the {who}'s speed in km/h?",
                speed,
                f"Speed = distance ÷ time = {speed * hours} ÷ {hours} = {speed} km/h.",
                level,
            )
        return _numeric(
            f"A {who} travels at {speed} km/h for {hours} hours. How many kilometers does the "
            f"{who} travel?",
            speed * hours,
            f"Distance = speed × time = {speed} × {hours} = {speed * hours} km.",
            level,
        )
    if level == 2:
        if roll < 0.5:
            hours = rng.randint(2, 6)
            return _numeric(
                f"A {who} travels {speed * hours} km at a steady {speed} km/h. How many hours "
                "does the journey take?",
                hours,
                f"Time = distance ÷ speed = {speed * hours} ÷ {speed} = {hours} hours.",
                level,
            )
        speed, minutes = rng.choice(
            [
                (s, m)
                for s in (30, 40, 60, 80, 90, 120)
                for m in (15, 20, 30, 40, 45, 90)
                if s * m % 60 == 0
            ]
        )
        distance = speed * minutes // 60
        return _numeric(
            f"A train travels {distance} km at a steady {speed} km/h. How many minutes does the "
            "journey take?",
            minutes,
            f"Time = distance ÷ speed = {distance} ÷ {speed} hours, and one hour is 60 minutes, "
            f"so the time is {distance} × 60 ÷ {speed} = {minutes} minutes.",
            level,
        )
    if roll < 0.25:
        kmh = 18 * rng.randint(1, 8)
        return _numeric(
            f"A car travels at {kmh} km/h. What is this speed in meters per second?",
            Fraction(kmh * 1000, 3600),
            f"1 km/h = 1000 m ÷ 3600 s, so divide by 3.6: {kmh} ÷ 3.6 = {kmh * 5 // 18} m/s.",
            level,
        )
    if roll < 0.45:
        ms = 5 * rng.randint(1, 8)
        return _numeric(
            f"A cheetah runs at {ms} meters per second. What is this speed in km/h?",
            Fraction(ms * 3600, 1000),
            f"In one hour (3600 s) it runs {ms} × 3600 = {ms * 3600} m, which is "
            f"{_exact(Fraction(ms * 36, 10))} km, so multiply by 3.6.",
            level,
        )
    if roll < 0.7:
        speed, minutes = rng.choice(
            [
                (s, m)
                for s in range(slow, fast + 1)
                for m in (10, 12, 15, 20, 30, 40, 45)
                if s * m % 60 == 0
            ]
        )
        distance = speed * minutes // 60
        return _numeric(
            f"A {who} travels {distance} km in {minutes} minutes. What is the {who}'s average "
            "speed in km/h?",
            speed,
            f"{minutes} minutes is {minutes}/60 of an hour, so the speed is "
            f"{distance} × 60 ÷ {minutes} = {speed} km/h.",
            level,
        )
    hours = rng.choice((3, 6, 7, 9))
    distance = rng.choice(
        [d for d in range(2 * hours, 6 * hours + 1) if (Fraction(d, hours) * 10).denominator != 1]
    )
    value = Fraction(distance, hours)
    return _numeric_rounded(
        f"A hiker walks {distance} km in {hours} hours. What is the hiker's average speed in "
        "km/h? Round to 1 decimal place.",
        value,
        1,
        f"Speed = {distance} ÷ {hours} ≈ {_rounded(value, 3)}, which rounds to "
        f"{_rounded(value, 1)} km/h.",
        level,
    )


def _speed_distance_time(rng: random.Random) -> list[QuestionSpec]:
    facts = [
        _choice(rng, question, answer, wrong, explanation, level)
        for level, question, answer, wrong, explanation in _SPEED_FACTS
    ]
    return _fill(rng, _speed_question, 10, facts)


_FOOD_CHAINS: tuple[tuple[str, ...], ...] = (
    ("grass", "rabbit", "fox"),
    ("wheat", "mouse", "owl"),
    ("cabbage", "caterpillar", "robin"),
    ("grass", "zebra", "lion"),
    ("grass", "grasshopper", "frog", "snake", "hawk"),
    ("algae", "krill", "penguin", "leopard seal"),
    ("oak tree", "caterpillar", "blue tit", "sparrowhawk"),
    ("phytoplankton", "zooplankton", "herring", "seal"),
)

# (question, organ, explanation)
_ORGANS: tuple[tuple[str, str, str], ...] = (
    (
        "Which organ pumps blood around the body?",
        "heart",
        "The heart is a muscle that squeezes about once a second to push blood around the body.",
    ),
    (
        "Which organs take oxygen into the body when you breathe in?",
        "lungs",
        "In the lungs, oxygen from the air passes into the blood.",
    ),
    (
        "Which organ controls the body and lets you think?",
        "brain",
        "The brain receives messages from the senses and sends instructions to the body.",
    ),
    (
        "Which organ mixes food with acid to help break it down?",
        "stomach",
        "The stomach churns food and mixes it with acid and digestive juices.",
    ),
    (
        "Which organs filter waste out of the blood to make urine?",
        "kidneys",
        "The two kidneys clean the blood and send the waste to the bladder as urine.",
    ),
    (
        "Which organ covers the whole body and protects it from germs?",
        "skin",
        "The skin is the body's largest organ and forms a barrier against germs.",
    ),
)

_BODY_SYSTEMS = {
    "digestive system": "breaks food down so the body can use it",
    "respiratory system": "brings in oxygen and gets rid of carbon dioxide",
    "circulatory system": "carries blood around the body",
    "nervous system": "carries messages between the brain and the body",
    "skeletal system": "supports and protects the body",
    "urinary system": "removes waste from the blood as urine",
}

_SYSTEM_PARTS: tuple[tuple[str, str], ...] = (
    ("the stomach", "digestive system"),
    ("the small intestine", "digestive system"),
    ("the lungs", "respiratory system"),
    ("the windpipe (trachea)", "respiratory system"),
    ("the heart", "circulatory system"),
    ("arteries and veins", "circulatory system"),
    ("the brain", "nervous system"),
    ("the spinal cord", "nervous system"),
    ("the skull", "skeletal system"),
    ("the kidneys", "urinary system"),
)

_CELL_PARTS: tuple[tuple[str, str], ...] = (
    ("Which part of a cell controls its activities and holds its DNA?", "nucleus"),
    ("Which part of a cell controls what goes into and out of it?", "cell membrane"),
    ("Which part of a cell is the jelly-like substance where many reactions happen?", "cytoplasm"),
    ("Which part of a cell releases energy from food during respiration?", "mitochondria"),
    ("Which part of a plant cell absorbs light to make food by photosynthesis?", "chloroplasts"),
    ("Which part of a plant cell is a tough outer layer that gives it a fixed shape?", "cell wall"),
    ("Which part of a plant cell is a large space filled with cell sap?", "vacuole"),
)

_CELL_ROLES = {
    "nucleus": "The nucleus contains DNA, which carries the instructions for the cell.",
    "cell membrane": "The cell membrane is a thin layer that lets some substances through.",
    "cytoplasm": "Cytoplasm fills the cell, and many chemical reactions take place in it.",
    "mitochondria": "Mitochondria carry out respiration, releasing energy from glucose.",
    "chloroplasts": "Chloroplasts contain green chlorophyll, which absorbs light.",
    "cell wall": "The cell wall is made of cellulose and keeps a plant cell rigid.",
    "vacuole": "The vacuole stores cell sap and helps keep a plant cell firm.",
}


def _life_science(rng: random.Random) -> list[QuestionSpec]:
    organs = [organ for _, organ, _ in _ORGANS]
    questions = [
        _choice(rng, question, organ, organs, explanation, 1)
        for question, organ, explanation in _ORGANS
    ]
    for chain in _FOOD_CHAINS:
        shown = " → ".join(chain)
        intro = f"In the food chain {shown},"
        questions.append(
            _choice(
                rng,
                f"{intro} which living thing is the producer?",
                chain[0],
                chain[1:],
                f"A producer makes its own food using energy from sunlight. In this chain that "
                f"is the {chain[0]}, and every other living thing depends on it.",
                1,
            )
        )
        if len(chain) > 3:
            for eater in range(1, len(chain)):
                food = chain[eater - 1]
                questions.append(
                    _choice(
                        rng,
                        f"According to the food chain {shown}, what does the {chain[eater]} eat?",
                        food,
                        [member for member in chain if member not in (food, chain[eater])],
                        f"Each arrow points from the food to the eater, so the arrow "
                        f"{food} → {chain[eater]} shows that the {chain[eater]} eats the {food}.",
                        2,
                    )
                )
            questions.append(
                _choice(
                    rng,
                    f"{intro} which living thing is the secondary consumer?",
                    chain[2],
                    chain[:2] + chain[3:],
                    f"The secondary consumer eats the primary consumer: the {chain[2]} eats the "
                    f"{chain[1]}, which eats the producer.",
                    3,
                )
            )
        else:
            questions.append(
                _choice(
                    rng,
                    f"{intro} which living thing is at the top of the chain?",
                    chain[-1],
                    chain[:-1],
                    f"Nothing in this chain eats the {chain[-1]}, so it is at the top.",
                    3,
                )
            )
    systems = list(_BODY_SYSTEMS)
    questions += [
        _choice(
            rng,
            f"Which body system includes {part}?",
            system,
            systems,
            f"The {system}, which {_BODY_SYSTEMS[system]}, includes {part}.",
            2,
        )
        for part, system in _SYSTEM_PARTS
    ]
    parts = [part for _, part in _CELL_PARTS]
    questions += [
        _choice(rng, question, part, parts, _CELL_ROLES[part], 3) for question, part in _CELL_PARTS
    ]
    return questions


# --- assembly --------------------------------------------------------------------------------


def demo_curriculum() -> tuple[SubjectSpec, ...]:
    """Deterministic: two calls return equal values."""
    return (
        SubjectSpec(
            "math",
            "Mathematics",
            "Whole numbers, fractions, percentages, equations and the measurement of shapes.",
            (
                _skill(
                    "math",
                    "arithmetic",
                    "Adding and subtracting",
                    "Add and subtract whole numbers with up to four digits.",
                    (),
                    _generated(_arithmetic_question),
                ),
                _skill(
                    "math",
                    "multiplication",
                    "Multiplication",
                    "Know your times tables and multiply two-digit numbers.",
                    ("arithmetic",),
                    _generated(_multiplication_question),
                ),
                _skill(
                    "math",
                    "fractions",
                    "Adding fractions",
                    "Find equal fractions, add and subtract them, and write them as decimals.",
                    ("multiplication",),
                    _generated(_fraction_question),
                ),
                _skill(
                    "math",
                    "percentages",
                    "Percentages",
                    "Find a percentage of an amount and work out discounts and increases.",
                    ("fractions",),
                    _generated(_percentage_question),
                ),
                _skill(
                    "math",
                    "linear-equations",
                    "Solving equations",
                    "Find the value of x that makes an equation true.",
                    ("arithmetic", "multiplication"),
                    _generated(_linear_equation_question),
                ),
                _skill(
                    "math",
                    "area-perimeter",
                    "Area and perimeter",
                    "Measure the space inside a shape and the distance around it.",
                    ("multiplication",),
                    _generated(_area_perimeter_question),
                ),
            ),
        ),
        SubjectSpec(
            "reading",
            "Reading & Language",
            "Word meanings, grammar and punctuation for clear reading and writing.",
            (
                _skill(
                    "reading",
                    "synonyms",
                    "Synonyms",
                    "Find words that mean nearly the same thing.",
                    (),
                    _synonyms,
                ),
                _skill(
                    "reading",
                    "antonyms",
                    "Antonyms",
                    "Find words that mean the opposite.",
                    ("synonyms",),
                    _antonyms,
                ),
                _skill(
                    "reading",
                    "parts-of-speech",
                    "Parts of speech",
                    "Tell nouns, verbs, adjectives and other word types apart in a sentence.",
                    (),
                    _parts_of_speech,
                ),
                _skill(
                    "reading",
                    "homophones",
                    "Homophones",
                    "Choose between words that sound the same but mean different things.",
                    ("parts-of-speech",),
                    _homophones,
                ),
                _skill(
                    "reading",
                    "prefixes-suffixes",
                    "Prefixes and suffixes",
                    "Use word beginnings and endings to work out what a word means.",
                    ("synonyms", "antonyms"),
                    _prefixes_suffixes,
                ),
                _skill(
                    "reading",
                    "punctuation",
                    "Punctuation",
                    "Use end marks, apostrophes, commas and quotation marks correctly.",
                    ("parts-of-speech",),
                    _punctuation,
                ),
            ),
        ),
        SubjectSpec(
            "science",
            "Science",
            "Matter, space, measurement, motion and living things.",
            (
                _skill(
                    "science",
                    "states-of-matter",
                    "States of matter",
                    "Describe solids, liquids and gases and how matter changes state.",
                    (),
                    _states_of_matter,
                ),
                _skill(
                    "science",
                    "chemical-symbols",
                    "Chemical symbols",
                    "Match common elements to their chemical symbols.",
                    ("states-of-matter",),
                    _chemical_symbols,
                ),
                _skill(
                    "science",
                    "solar-system",
                    "The solar system",
                    "Learn the planets, their order and what makes each one special.",
                    (),
                    _solar_system,
                ),
                _skill(
                    "science",
                    "units",
                    "Metric units",
                    "Choose sensible units and convert between metric units and units of time.",
                    (),
                    _units,
                ),
                _skill(
                    "science",
                    "speed-distance-time",
                    "Speed, distance and time",
                    "Use speed = distance ÷ time to solve problems about journeys.",
                    ("units",),
                    _speed_distance_time,
                ),
                _skill(
                    "science",
                    "life-science",
                    "Living things",
                    "Explore food chains, cells and the systems of the human body.",
                    (),
                    _life_science,
                ),
            ),
        ),
    )

import pytest

from veltutor.learning import mastery


def test_equal_ratings_give_an_even_chance():
    assert mastery.expected_correct(student_rating=1000, question_rating=1000) == 0.5


def test_a_400_point_edge_gives_ten_to_one_odds():
    probability = mastery.expected_correct(student_rating=1400, question_rating=1000)

    assert probability == pytest.approx(10 / 11)


def test_a_surprising_right_answer_moves_ratings_more_than_an_expected_one():
    upset = mastery.rate_answer(
        student_rating=800,
        student_attempts=10,
        question_rating=1200,
        question_attempts=10,
        correct=True,
    )
    expected = mastery.rate_answer(
        student_rating=1200,
        student_attempts=10,
        question_rating=800,
        question_attempts=10,
        correct=True,
    )

    assert upset.student_rating - 800 > expected.student_rating - 1200 > 0


def test_student_and_question_move_in_opposite_directions():
    update = mastery.rate_answer(
        student_rating=1000,
        student_attempts=0,
        question_rating=1000,
        question_attempts=0,
        correct=False,
    )

    assert update.student_rating < 1000 < update.question_rating


def test_the_rating_step_shrinks_with_experience_but_never_below_its_floor():
    assert mastery.student_k(0) > mastery.student_k(5) > mastery.student_k(10_000) == 24.0


@pytest.mark.parametrize(
    ("rating", "level"),
    [
        (700, mastery.Level.BEGINNER),
        (900, mastery.Level.DEVELOPING),
        (1100, mastery.Level.PROFICIENT),
        (1250, mastery.Level.ADVANCED),
    ],
)
def test_levels_follow_the_rating_floors(rating, level):
    assert mastery.level_for_rating(rating) == level


def test_mastery_percent_is_the_chance_on_a_typical_question():
    assert mastery.mastery_percent(1000) == 50

import factory

from veltutor.learning import mastery
from veltutor.learning.models import Question, Skill, Subject


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"subject-{n}")
    name = factory.LazyAttribute(lambda subject: subject.slug.replace("-", " ").title())
    description = "A subject for tests."


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    subject = factory.SubFactory(SubjectFactory)
    slug = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.LazyAttribute(lambda skill: skill.slug.replace("-", " ").title())
    position = factory.Sequence(lambda n: n)


class NumericQuestionFactory(factory.django.DjangoModelFactory):
    """`What is n + n?` with the answer computed, so every generated item is right."""

    class Meta:
        model = Question

    skill = factory.SubFactory(SkillFactory)
    code = factory.Sequence(lambda n: f"numeric-{n}")
    kind = Question.Kind.NUMERIC
    prompt = factory.Sequence(lambda n: f"What is {n} + {n}?")
    correct_answer = factory.Sequence(lambda n: str(2 * n))
    explanation = "Add the two numbers."
    level = 2
    difficulty_rating = mastery.INITIAL_RATING


class ChoiceQuestionFactory(NumericQuestionFactory):
    code = factory.Sequence(lambda n: f"choice-{n}")
    kind = Question.Kind.MULTIPLE_CHOICE
    prompt = factory.Sequence(lambda n: f"Which word means happy? ({n})")
    choices = ["sad", "glad", "angry", "tired"]
    correct_answer = "glad"
    explanation = "Glad means happy."

from django.core.management.base import BaseCommand

from veltutor.learning import demo
from veltutor.learning.demo_content import demo_curriculum
from veltutor.learning.models import LearningSession
from veltutor.learning.signals import demo_seeded

DEMO_PASSWORD = "veltutor-demo"
CLASSMATES = [
    ("maya", "Maya R.", 1080.0),
    ("leo", "Leo K.", 960.0),
    ("aisha", "Aisha B.", 1150.0),
    ("tomas", "Tomás G.", 900.0),
    ("priya", "Priya S.", 1020.0),
    ("noah", "Noah W.", 1000.0),
]


class Command(BaseCommand):
    help = """Load the demo: subjects, skills and questions (created or updated by code), a
    demo student `demo`, a staff user `staff` (superuser), a few classmates, and weeks of
    simulated practice for every demo user that has none yet. Safe to run again: nothing is
    duplicated and existing users, passwords and history are left as they are."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=28, help="Days of simulated history.")
        parser.add_argument(
            "--sessions", type=int, default=18, help="Simulated sessions per demo student."
        )
        parser.add_argument(
            "--no-history", action="store_true", help="Load content and users only."
        )

    def handle(self, *args, days: int, sessions: int, no_history: bool, **options) -> None:
        loaded = demo.curriculum_load(subjects=demo_curriculum())
        self.stdout.write(
            f"Curriculum: {loaded.subjects} subjects, {loaded.skills} skills, "
            f"{loaded.questions_created} questions created, "
            f"{loaded.questions_updated} updated."
        )
        staff, _ = demo.demo_user_ensure(
            username="staff", password=DEMO_PASSWORD, display_name="Staff", is_staff=True
        )
        students = [
            (
                demo.demo_user_ensure(
                    username="demo", password=DEMO_PASSWORD, display_name="Demo Student"
                )[0],
                1000.0,
            )
        ]
        students += [
            (
                demo.demo_user_ensure(username=username, password=DEMO_PASSWORD, display_name=name)[
                    0
                ],
                ability,
            )
            for username, name, ability in CLASSMATES
        ]
        if not no_history:
            for seed, (student, ability) in enumerate(students):
                if LearningSession.objects.filter(user=student).exists():
                    continue
                answers = demo.practice_history_simulate(
                    user=student, days=days, sessions=sessions, ability=ability, seed=seed
                )
                self.stdout.write(f"History: {student.username} answered {answers} questions.")
        for _receiver, summary in demo_seeded.send(
            sender=self.__class__, users={user.username: user for user, _ in students}
        ):
            if summary:
                self.stdout.write(summary)
        self.stdout.write(self.style.SUCCESS("Demo ready. Log in at http://127.0.0.1:8000 with:"))
        self.stdout.write(f"  student  username: demo   password: {DEMO_PASSWORD}")
        self.stdout.write(
            f"  staff    username: {staff.username}  password: {DEMO_PASSWORD}  (admin at /admin/)"
        )

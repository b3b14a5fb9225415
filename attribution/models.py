from django.conf import settings
from django.db import models
from django.utils import timezone


class Touchpoint(models.Model):
    """One loop event seen from one browser: the raw material of attribution.

    `visitor_id` is the first-party `vt_visitor` cookie; `user` is filled when the event
    happened while logged in, or later when the visitor signs up or logs in (stitching).
    Rows are append-only: only stitching ever changes one.
    """

    class Loop(models.TextChoices):
        BUDDY_CHALLENGE = "buddy_challenge", "Buddy challenge"
        RESULTS_RALLY = "results_rally", "Results rally"
        ORGANIC = "organic", "Organic"

    class Event(models.TextChoices):
        INVITE_SENT = "invite_sent", "Invite sent"
        LINK_OPENED = "link_opened", "Link opened"
        CHALLENGE_STARTED = "challenge_started", "Challenge started"
        CHALLENGE_COMPLETED = "challenge_completed", "Challenge completed"
        RALLY_VIEWED = "rally_viewed", "Rally viewed"
        RALLY_JOINED = "rally_joined", "Rally joined"
        RALLY_COMPLETED = "rally_completed", "Rally completed"
        SIGNUP = "signup", "Signup"
        FIRST_PRACTICE = "first_practice", "First practice"

    visitor_id = models.CharField(max_length=64, db_index=True)
    # Indexed by the named indexes in Meta, not by Django's automatic FK index.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="touchpoints",
        db_index=False,
    )
    loop = models.CharField(max_length=32, choices=Loop.choices)
    event = models.CharField(max_length=32, choices=Event.choices)
    token = models.CharField(max_length=64, blank=True, db_index=True)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    channel = models.CharField(
        max_length=24, blank=True, help_text="How the invite travelled: link, copy, share, …"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "attribution_touchpoints"
        ordering = ("-inserted_at", "-id")
        indexes = [
            models.Index(fields=("user",), name="touchpoints_user_id"),
            models.Index(fields=("inserted_at",), name="touchpoints_inserted_at"),
            models.Index(fields=("loop", "event", "inserted_at"), name="touchpoints_loop_event"),
            models.Index(fields=("inviter", "inserted_at"), name="touchpoints_inviter_recent"),
        ]
        constraints = [
            # A user converts once of each kind: one sign-up, one first practice.
            models.UniqueConstraint(
                fields=("user", "event"),
                condition=models.Q(event__in=("signup", "first_practice")),
                name="touchpoints_one_conversion_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_loop_display()}: {self.get_event_display()} ({self.visitor_id[:8]})"


class Cohort(models.Model):
    """A weekly sign-up cohort's virality, overall (`loop="all"`) and per loop.

    Everyone who joined in the week is in the cohort; a loop's row counts the invites the
    cohort sent through that loop and the friends who signed up from them, so the loops'
    K-factors add up to the overall one. Rebuilt by `manage.py rebuild_cohorts`.
    """

    ALL = "all"
    LOOP_CHOICES = [
        (ALL, "All loops"),
        ("buddy_challenge", "Buddy Challenge"),
        ("results_rally", "Results Rally"),
    ]

    week_start = models.DateField()
    loop = models.CharField(max_length=32, choices=LOOP_CHOICES)
    size = models.PositiveIntegerField(help_text="Students who joined that week.")
    inviters = models.PositiveIntegerField(default=0)
    invites_sent = models.PositiveIntegerField(default=0)
    links_opened = models.PositiveIntegerField(default=0)
    plays_completed = models.PositiveIntegerField(default=0)
    invitees_converted = models.PositiveIntegerField(default=0)
    conversion_rate = models.FloatField(null=True, blank=True)
    k_factor = models.FloatField(null=True, blank=True)
    cycle_time_days = models.FloatField(null=True, blank=True)
    amplification = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        db_table = "cohorts"
        ordering = ("-week_start", "loop")
        constraints = [
            models.UniqueConstraint(fields=("week_start", "loop"), name="cohort_week_loop_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.week_start} · {self.loop}"

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from agents.models import OfferVariant
from challenges.exceptions import LinkNotFound
from challenges.models import BuddyChallenge, ChallengeSession, Rally
from challenges.services import ShareLinkModel, public_cache_key
from veltutor.accounts.models import User

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PUBLIC_CACHE_SECONDS = 30
LEADERBOARD_SIZE = 10


def link_get(*, model: type[ShareLinkModel], token: str) -> ShareLinkModel:
    """An open link by its token; unknown, malformed, expired or revoked ones are a 404."""
    if not TOKEN_PATTERN.match(token):
        raise LinkNotFound()
    link = model.objects.select_related("deck").filter(token=token).first()
    if link is None or link.status != link.Status.ACTIVE or link.is_expired:
        raise LinkNotFound()
    return link


def link_get_for_owner(*, model: type[ShareLinkModel], token: str, user: User) -> ShareLinkModel:
    owner_field = "challenger" if model is BuddyChallenge else "owner"
    link = (
        model.objects.select_related("deck").filter(token=token, **{owner_field: user}).first()
        if TOKEN_PATTERN.match(token)
        else None
    )
    if link is None:
        raise LinkNotFound()
    return link


@dataclass(frozen=True)
class LeaderboardRow:
    display_name: str
    score: int


@dataclass(frozen=True)
class PublicSummary:
    """What every viewer of a link sees; cached briefly because all viewers share it."""

    title: str
    owner_name: str
    owner_score: int
    achievement: str
    friend_points: int
    question_count: int
    finished_count: int
    leaderboard: list[LeaderboardRow]


def public_summary_get(*, link: ShareLinkModel) -> PublicSummary:
    key = public_cache_key(link.token)
    summary = cache.get(key)
    if summary is None:
        summary = _public_summary(link)
        cache.set(key, summary, PUBLIC_CACHE_SECONDS)
    return summary


def _public_summary(link: ShareLinkModel) -> PublicSummary:
    finished = link.plays.filter(status=ChallengeSession.Status.COMPLETED)
    owner = link.challenger if isinstance(link, BuddyChallenge) else link.owner
    score = link.challenger_score if isinstance(link, BuddyChallenge) else link.owner_score
    return PublicSummary(
        title=link.deck.title,
        owner_name=owner.public_name,
        owner_score=score,
        achievement=getattr(link, "achievement", ""),
        friend_points=(
            OfferVariant.objects.filter(code=link.offer_code)
            .values_list("invitee_points", flat=True)
            .first()
            or 0
        ),
        question_count=link.deck.question_count,
        finished_count=finished.count(),
        leaderboard=[
            LeaderboardRow(display_name=name, score=play_score)
            for name, play_score in finished.order_by("-score", "completed_at").values_list(
                "display_name", "score"
            )[:LEADERBOARD_SIZE]
        ],
    )


def link_list_for_owner(*, user: User) -> tuple[QuerySet, QuerySet]:
    plays = Prefetch("plays", queryset=ChallengeSession.objects.order_by("-inserted_at"))
    challenges = (
        BuddyChallenge.objects.filter(challenger=user)
        .select_related("deck")
        .prefetch_related(plays)
    )
    rallies = Rally.objects.filter(owner=user).select_related("deck").prefetch_related(plays)
    return challenges, rallies


def link_for_session(*, model: type[ShareLinkModel], user: User, session_id: int):
    owner_field = "challenger" if model is BuddyChallenge else "owner"
    return model.objects.filter(
        **{owner_field: user, "deck__source_session_id": session_id}
    ).first()


def plays_for_visitor(*, visitor_id: str) -> QuerySet:
    return ChallengeSession.objects.filter(visitor_id=visitor_id).select_related(
        "challenge", "rally"
    )


def loop_activity_since(*, since) -> dict[str, int]:
    return {
        "challenges_created": BuddyChallenge.objects.filter(inserted_at__gt=since).count(),
        "rallies_created": Rally.objects.filter(inserted_at__gt=since).count(),
        "plays": ChallengeSession.objects.filter(inserted_at__gt=since).count(),
    }

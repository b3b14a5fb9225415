"""Writes of the viral loops: decks, share links, and friends' plays."""

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from challenges.exceptions import (
    InviteLimitReached,
    LinkClosed,
    NotEligible,
    PlayNotFound,
    SelfChallenge,
)
from challenges.models import BuddyChallenge, ChallengeDeck, ChallengeSession, Rally
from challenges.signals import buddy_finished_challenge, friend_finished_rally
from veltutor.accounts.models import User
from veltutor.learning import answers
from veltutor.learning import selectors as learning_selectors
from veltutor.learning.models import LearningSession, Question

ShareLinkModel = BuddyChallenge | Rally


def new_token() -> str:
    """192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def public_cache_key(token: str) -> str:
    return f"loops:public:{token}"


def invites_sent_today(*, user: User) -> int:
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return (
        BuddyChallenge.objects.filter(challenger=user, inserted_at__gte=start).count()
        + Rally.objects.filter(owner=user, inserted_at__gte=start).count()
    )


def _check_invite_limit(user: User) -> None:
    if invites_sent_today(user=user) >= settings.LOOP_DAILY_INVITE_LIMIT:
        raise InviteLimitReached(
            f"You've sent {settings.LOOP_DAILY_INVITE_LIMIT} invites today. Try again tomorrow!"
        )


def _deck_from_session(*, session: LearningSession) -> ChallengeDeck:
    question_ids = list(session.items.order_by("position").values_list("question_id", flat=True))
    topic = session.skill.name if session.skill_id else f"{session.subject.name} diagnostic"
    return ChallengeDeck.objects.create(
        owner=session.user,
        source_session=session,
        subject=session.subject,
        skill=session.skill,
        title=topic,
        question_ids=question_ids,
    )


def _expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.LOOP_LINK_DAYS)


@dataclass(frozen=True)
class LinkCreated:
    link: ShareLinkModel
    created: bool


def _link_get_or_create(
    *,
    model: type[ShareLinkModel],
    owner_field: str,
    user: User,
    session: LearningSession,
    offer_code: str,
    visitor_id: str,
    ip: str | None,
    **fields,
) -> LinkCreated:
    """One share link per finished session: the existing one, or a new one within the
    daily invite limit, with the session's questions frozen into a deck."""
    existing = model.objects.filter(**{owner_field: user}, deck__source_session=session).first()
    if existing is not None:
        return LinkCreated(link=existing, created=False)
    _check_invite_limit(user)
    link = model.objects.create(
        token=new_token(),
        deck=_deck_from_session(session=session),
        expires_at=_expiry(),
        max_plays=settings.LOOP_MAX_PLAYS,
        offer_code=offer_code,
        creator_visitor_id=visitor_id[:64],
        creator_ip=ip,
        **{owner_field: user},
        **fields,
    )
    return LinkCreated(link=link, created=True)


@transaction.atomic
def buddy_challenge_create(
    *,
    user: User,
    session_id: int,
    offer_code: str = "",
    visitor_id: str = "",
    ip: str | None = None,
) -> LinkCreated:
    """A challenge with the questions of the user's finished practice (one per session)."""
    session = learning_selectors.learning_session_get_for_user(user=user, session_id=session_id)
    if not session.is_completed or session.kind != LearningSession.Kind.PRACTICE:
        raise NotEligible("Finish a practice session to challenge a buddy with it.")
    return _link_get_or_create(
        model=BuddyChallenge,
        owner_field="challenger",
        user=user,
        session=session,
        offer_code=offer_code,
        visitor_id=visitor_id,
        ip=ip,
        challenger_correct=session.correct_count,
        challenger_score=session.score_percent,
    )


def rally_achievement(session: LearningSession) -> str:
    if session.kind == LearningSession.Kind.DIAGNOSTIC:
        return f"finished the {session.subject.name} diagnostic with {session.score_percent}%"
    return f"scored {session.score_percent}% in {session.skill.name}"


def rally_eligible(session: LearningSession) -> bool:
    return session.is_completed and (
        session.kind == LearningSession.Kind.DIAGNOSTIC
        or session.score_percent >= settings.LOOP_RALLY_MIN_SCORE
    )


@transaction.atomic
def rally_create(
    *,
    user: User,
    session_id: int,
    offer_code: str = "",
    visitor_id: str = "",
    ip: str | None = None,
) -> LinkCreated:
    """A rally around a diagnostic result or a strong practice score (one per session)."""
    session = learning_selectors.learning_session_get_for_user(user=user, session_id=session_id)
    if not rally_eligible(session):
        raise NotEligible(
            f"Rallies are for diagnostics and practice scores of "
            f"{settings.LOOP_RALLY_MIN_SCORE}% or more."
        )
    return _link_get_or_create(
        model=Rally,
        owner_field="owner",
        user=user,
        session=session,
        offer_code=offer_code,
        visitor_id=visitor_id,
        ip=ip,
        achievement=rally_achievement(session),
        owner_score=session.score_percent,
    )


def _owner_id(link: ShareLinkModel) -> int:
    return link.challenger_id if isinstance(link, BuddyChallenge) else link.owner_id


def _link_field(link: ShareLinkModel) -> str:
    return "challenge" if isinstance(link, BuddyChallenge) else "rally"


def play_get(
    *, link: ShareLinkModel, visitor_id: str, user: User | None
) -> ChallengeSession | None:
    plays = ChallengeSession.objects.filter(**{_link_field(link): link})
    if user is not None and user.is_authenticated:
        mine = plays.filter(user=user).first()
        if mine is not None:
            return mine
    return plays.filter(visitor_id=visitor_id).first()


@transaction.atomic
def play_start(
    *,
    link: ShareLinkModel,
    visitor_id: str,
    user: User | None,
    display_name: str,
    ip: str | None = None,
) -> ChallengeSession:
    """Start (or resume) this visitor's one play of the link's deck."""
    signed_in = user is not None and user.is_authenticated
    if signed_in and user.pk == _owner_id(link):
        raise SelfChallenge()
    existing = play_get(link=link, visitor_id=visitor_id, user=user)
    if existing is not None:
        return existing
    claimed = (
        type(link)
        .objects.filter(
            pk=link.pk,
            status=link.Status.ACTIVE,
            expires_at__gt=timezone.now(),
            plays_count__lt=F("max_plays"),
        )
        .update(plays_count=F("plays_count") + 1)
    )
    if not claimed:
        raise LinkClosed()
    name = (user.public_name if signed_in else display_name.strip()) or "A friend"
    try:
        with transaction.atomic():
            play = ChallengeSession.objects.create(
                **{_link_field(link): link},
                user=user if signed_in else None,
                visitor_id=visitor_id,
                display_name=name[:40],
                question_count=link.deck.question_count,
                ip=ip,
            )
    except IntegrityError:
        # The same visitor started in another tab a moment ago: give back its play and
        # the slot this request took.
        type(link).objects.filter(pk=link.pk).update(plays_count=F("plays_count") - 1)
        return play_get(link=link, visitor_id=visitor_id, user=user)
    return play


@dataclass(frozen=True)
class PlayAnswer:
    play: ChallengeSession
    question: Question
    response: str
    correct: bool
    already_answered: bool


@transaction.atomic
def play_answer(
    *, link: ShareLinkModel, visitor_id: str, user: User | None, position: int, response: str
) -> PlayAnswer:
    """Score one answer of a play once; the last answer completes it and tells the owner."""
    current = play_get(link=link, visitor_id=visitor_id, user=user)
    if current is None:
        raise PlayNotFound()
    play = ChallengeSession.objects.select_for_update().get(pk=current.pk)
    question_ids = link.deck.question_ids
    if not 1 <= position <= len(question_ids):
        raise PlayNotFound("That question is not part of this deck.")
    question = Question.objects.get(pk=question_ids[position - 1])
    if position <= play.answered_count:
        earlier = play.responses[position - 1]
        return PlayAnswer(
            play=play,
            question=question,
            response=answers.response_label(question, earlier["response"]),
            correct=earlier["correct"],
            already_answered=True,
        )
    if position != play.answered_count + 1:
        raise PlayNotFound(f"Answer question {play.answered_count + 1} first.")
    correct = answers.is_correct(question, response)
    stored = answers.normalised_response(question, response)
    play.responses = [
        *play.responses,
        {"question_id": question.pk, "response": stored, "correct": correct},
    ]
    play.correct_count += int(correct)
    if play.answered_count == play.question_count:
        play.status = ChallengeSession.Status.COMPLETED
        play.completed_at = timezone.now()
        play.score = round(100 * play.correct_count / play.question_count)
        signal = (
            buddy_finished_challenge if isinstance(link, BuddyChallenge) else friend_finished_rally
        )
        owner = User.objects.get(pk=_owner_id(link))
        transaction.on_commit(lambda: cache.delete(public_cache_key(link.token)))
        transaction.on_commit(
            lambda: signal.send(sender=type(link), play=play, link=link, owner=owner)
        )
    play.save()
    return PlayAnswer(
        play=play,
        question=question,
        response=answers.response_label(question, stored),
        correct=correct,
        already_answered=False,
    )


@transaction.atomic
def plays_link_to_user(*, visitor_id: str, user: User) -> list[ChallengeSession]:
    """At sign-up, the visitor's anonymous plays become the new account's."""
    plays = list(ChallengeSession.objects.filter(visitor_id=visitor_id, user__isnull=True))
    for play in plays:
        field = "challenge" if play.challenge_id else "rally"
        link_id = play.challenge_id or play.rally_id
        if ChallengeSession.objects.filter(**{f"{field}_id": link_id, "user": user}).exists():
            continue
        ChallengeSession.objects.filter(pk=play.pk).update(user=user)
        play.user = user
    return plays


@transaction.atomic
def link_revoke(*, link: ShareLinkModel) -> None:
    type(link).objects.filter(pk=link.pk).update(status=link.Status.REVOKED)
    transaction.on_commit(lambda: cache.delete(public_cache_key(link.token)))


@transaction.atomic
def link_expire_now(*, link: ShareLinkModel) -> None:
    type(link).objects.filter(pk=link.pk).update(expires_at=timezone.now())
    transaction.on_commit(lambda: cache.delete(public_cache_key(link.token)))

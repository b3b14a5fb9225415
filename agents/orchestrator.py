"""The Orchestrator: which viral loop may run, and which prompt a result page shows."""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest

from agents.incentives import IncentivesEconomy
from agents.runs import agent_run
from attribution import selectors as attribution_selectors
from attribution import services as attribution_services
from challenges import flags
from challenges import services as challenge_services
from challenges.models import BuddyChallenge, Rally
from challenges.services import invites_sent_today, rally_achievement, rally_eligible
from rewards.models import ReferralReview
from veltutor.accounts.models import User
from veltutor.errors import DomainError
from veltutor.learning.models import LearningSession

LOOPS = (flags.BUDDY_CHALLENGE, flags.RESULTS_RALLY)
INVITE_ACTION = {flags.BUDDY_CHALLENGE: "challenge_sent", flags.RESULTS_RALLY: "challenge_sent"}


@dataclass(frozen=True)
class Routed:
    loop: str
    ok: bool = field(default=True, init=False)


@dataclass(frozen=True)
class Refused:
    """Why a loop may not run: unknown_loop, loop_disabled, not_eligible or rate_limited."""

    reason: str
    detail: str
    ok: bool = field(default=False, init=False)


@dataclass(frozen=True)
class LoopPrompt:
    loop: str
    headline: str
    detail: str
    invite_points: int
    friend_points: int


class Orchestrator:
    name = "Orchestrator"

    def route_loop(
        self, loop_name: str, context: dict, *, request: HttpRequest | None = None
    ) -> Routed | Refused:
        """May `context["user_id"]` run `loop_name` now (for `context["session_id"]`)?"""
        with agent_run(self.name, "route_loop"):
            return self._route(loop_name, context, request=request)

    def _route(
        self, loop_name: str, context: dict, *, request: HttpRequest | None
    ) -> Routed | Refused:
        if loop_name not in LOOPS:
            return Refused(reason="unknown_loop", detail=f"There is no loop called “{loop_name}”.")
        if not flags.flag_enabled(loop_name, request=request):
            return Refused(reason="loop_disabled", detail=f"{loop_name} is switched off.")
        user = User.objects.filter(pk=context.get("user_id")).first()
        if user is None:
            return Refused(reason="not_eligible", detail="Only signed-in students can invite.")
        session = self._session(user=user, session_id=context.get("session_id"))
        if session is None:
            return Refused(reason="not_eligible", detail="Finish a session first.")
        if loop_name == flags.BUDDY_CHALLENGE and session.kind != LearningSession.Kind.PRACTICE:
            return Refused(reason="not_eligible", detail="Challenges start from a practice.")
        if loop_name == flags.RESULTS_RALLY and not rally_eligible(session):
            return Refused(
                reason="not_eligible",
                detail=f"Rallies need a diagnostic or {settings.LOOP_RALLY_MIN_SCORE}%+.",
            )
        if invites_sent_today(user=user) >= settings.LOOP_DAILY_INVITE_LIMIT:
            return Refused(reason="rate_limited", detail="Today's invites are used up.")
        return Routed(loop=loop_name)

    @staticmethod
    def _session(*, user: User, session_id: int | None) -> LearningSession | None:
        sessions = LearningSession.objects.filter(
            user=user, status=LearningSession.Status.COMPLETED
        ).select_related("subject", "skill")
        if session_id is not None:
            return sessions.filter(pk=session_id).first()
        return sessions.order_by("-completed_at").first()

    def result_prompt(
        self, *, user: User, session: LearningSession, request: HttpRequest | None = None
    ) -> LoopPrompt | None:
        """The one loop prompt a result page shows: a rally for a strong result or a
        diagnostic, a buddy challenge for a practice worth beating, otherwise none."""
        with agent_run(self.name, "result_prompt"):
            context = {"user_id": user.pk, "session_id": session.pk}
            if session.kind == LearningSession.Kind.DIAGNOSTIC or session.score_percent >= (
                settings.LOOP_RALLY_MIN_SCORE
            ):
                order = (flags.RESULTS_RALLY, flags.BUDDY_CHALLENGE)
            elif session.score_percent >= 25:
                order = (flags.BUDDY_CHALLENGE,)
            else:
                return None
            for loop in order:
                if isinstance(self._route(loop, context, request=request), Routed):
                    return self._prompt(loop=loop, user=user, session=session)
            return None

    def _prompt(self, *, loop: str, user: User, session: LearningSession) -> LoopPrompt:
        economy = IncentivesEconomy()
        try:
            invite_points = economy.calculate_reward(
                action=INVITE_ACTION[loop], user_id=user.pk
            ).points
        except DomainError:
            invite_points = 0
        offer = economy.offer_for_inviter(user_id=user.pk)
        friend_points = offer.invitee_points if offer else 0
        if loop == flags.RESULTS_RALLY:
            return LoopPrompt(
                loop=loop,
                headline="Start a rally",
                detail=f"You {rally_achievement(session)}. Dare your friends to beat it!",
                invite_points=invite_points,
                friend_points=friend_points,
            )
        return LoopPrompt(
            loop=loop,
            headline="Challenge a buddy",
            detail=f"Send a friend these {session.question_count} questions. "
            f"Can they beat your {session.score_percent}%?",
            invite_points=invite_points,
            friend_points=friend_points,
        )

    def invite_create(
        self,
        *,
        loop_name: str,
        user: User,
        session_id: int,
        visitor_id: str,
        ip: str | None,
        request: HttpRequest | None = None,
    ) -> BuddyChallenge | Rally | Refused:
        """Send an invite: route it, create the share link with the inviter's offer, count
        the invite for the bandit, pay `challenge_sent` and record the touchpoint."""
        decision = self.route_loop(
            loop_name, {"user_id": user.pk, "session_id": session_id}, request=request
        )
        if isinstance(decision, Refused):
            return decision
        with agent_run(self.name, "invite_create"):
            economy = IncentivesEconomy()
            offer = economy.offer_for_inviter(user_id=user.pk)
            create = (
                challenge_services.buddy_challenge_create
                if loop_name == flags.BUDDY_CHALLENGE
                else challenge_services.rally_create
            )
            created = create(
                user=user,
                session_id=session_id,
                offer_code=offer.code if offer else "",
                visitor_id=visitor_id,
                ip=ip,
            )
            link = created.link
            if created.created:
                economy.record_invite_sent(inviter_id=user.pk)
                economy.grant(
                    action=INVITE_ACTION[loop_name],
                    user_id=user.pk,
                    event_key=f"{loop_name}:{link.pk}",
                )
                attribution_services.touchpoint_record(
                    visitor_id=visitor_id,
                    user_id=user.pk,
                    loop=loop_name,
                    event="invite_sent",
                    token=link.token,
                    inviter_id=user.pk,
                    channel="link",
                    ip=ip,
                )
            return link

    def signup_from_invite(
        self, *, user: User, visitor_id: str, ip: str | None = None
    ) -> ReferralReview | None:
        """A visitor who came through a loop signed up: keep their plays, and hold the
        referral rewards for the inviter (and the welcome reward for them)."""
        with agent_run(self.name, "signup_from_invite"):
            plays = challenge_services.plays_link_to_user(visitor_id=visitor_id, user=user)
            link = None
            if plays:
                latest = max(plays, key=lambda play: play.inserted_at)
                link = latest.challenge or latest.rally
            else:
                touchpoint = attribution_selectors.last_invite_touchpoint_for_visitor(
                    visitor_id=visitor_id
                )
                if touchpoint is not None and touchpoint.token:
                    link = (
                        BuddyChallenge.objects.filter(token=touchpoint.token).first()
                        or Rally.objects.filter(token=touchpoint.token).first()
                    )
            if link is None:
                return None
            inviter_id = link.challenger_id if isinstance(link, BuddyChallenge) else link.owner_id
            if inviter_id == user.pk:
                return None
            return IncentivesEconomy().referral_signup(
                inviter_id=inviter_id,
                invitee_id=user.pk,
                inviter_ip=link.creator_ip,
                inviter_visitor_id=link.creator_visitor_id,
                invitee_ip=ip,
                invitee_visitor_id=visitor_id,
                offer_code=link.offer_code,
            )

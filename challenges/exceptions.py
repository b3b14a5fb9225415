from veltutor.errors import Conflict, DomainError, NotFound


class LinkNotFound(NotFound):
    code = "link_not_found"
    default_message = "This link doesn't exist or has expired. Ask your friend for a new one."


class LinkClosed(Conflict):
    code = "link_closed"
    default_message = "This link is closed: it has expired, been revoked or reached its limit."


class SelfChallenge(DomainError):
    code = "self_challenge"
    default_message = "You can't take your own challenge. Share the link with a friend!"


class PlayNotFound(NotFound):
    code = "play_not_found"
    default_message = "Start the challenge first."


class NotEligible(DomainError):
    code = "not_eligible"
    default_message = "This result can't be shared that way."


class InviteLimitReached(DomainError):
    code = "invite_limit_reached"
    http_status = 429
    default_message = "You've sent today's invites. Try again tomorrow!"

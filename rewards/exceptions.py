from veltutor.errors import Conflict, DomainError, NotFound


class InvalidPoints(DomainError):
    code = "invalid_points"
    default_message = "Points must be a positive whole number."


class GrantNotFound(NotFound):
    code = "grant_not_found"
    default_message = "That reward does not exist or is not yours."


class RewardNotFound(NotFound):
    code = "reward_not_found"
    default_message = "There is no such reward in the catalog."


class GrantOnHold(Conflict):
    code = "grant_on_hold"
    default_message = "This reward is on hold until your friend's first practice is checked."


class GrantNotClaimable(Conflict):
    code = "grant_not_claimable"
    default_message = "This reward can no longer be claimed."


class RewardInactive(Conflict):
    code = "reward_inactive"
    default_message = "This reward is not available any more."


class OutOfStock(Conflict):
    code = "out_of_stock"
    default_message = "This reward is out of stock."


class InsufficientPoints(Conflict):
    code = "insufficient_points"
    default_message = "Not enough points."


class AlreadyRevoked(Conflict):
    code = "already_revoked"
    default_message = "This grant was already revoked."


class NotRevocable(Conflict):
    code = "not_revocable"
    default_message = "Only grants can be revoked."


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    default_message = "That idempotency key was already used for a different request."


class BudgetExhausted(Conflict):
    code = "budget_exhausted"
    default_message = "Today's reward budget is used up."


class ReviewAlreadyDecided(Conflict):
    code = "review_already_decided"
    default_message = "This referral was already decided."


class ReferralNotFound(NotFound):
    code = "referral_not_found"
    default_message = "There is no such referral."


class SelfReferral(DomainError):
    code = "self_referral"
    default_message = "You cannot refer yourself."

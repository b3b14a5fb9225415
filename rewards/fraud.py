"""Scoring a referral for fraud from facts gathered at the invitee's qualifying action."""

from dataclasses import dataclass
from datetime import timedelta

IP_BURST_SIGNUPS = 3
FRESH_ACCOUNT_AGE = timedelta(minutes=10)
FRESH_ACCOUNT_ANSWERS = 10

WEIGHTS = {
    "self_referral": 1.0,
    "same_visitor": 0.6,
    "ip_burst": 0.5,
    "same_ip": 0.4,
    "fresh_inactive": 0.3,
}


@dataclass(frozen=True)
class ReferralFacts:
    inviter_email: str
    invitee_email: str
    inviter_ip: str | None
    invitee_ip: str | None
    inviter_visitor_id: str
    invitee_visitor_id: str
    signups_from_invitee_ip_last_hour: int
    invitee_account_age: timedelta
    invitee_answers: int


def _mailbox(email: str) -> str:
    """user+tag@Example.com and u.s.e.r@gmail.com name the same mailbox as user@example.com."""
    local, _, domain = email.strip().lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def referral_fraud_signals(facts: ReferralFacts) -> list[dict]:
    signals = []

    def add(code: str, detail: str) -> None:
        signals.append({"code": code, "weight": WEIGHTS[code], "detail": detail})

    if facts.inviter_email and _mailbox(facts.inviter_email) == _mailbox(facts.invitee_email):
        add("self_referral", "Inviter and invitee share a mailbox.")
    if facts.invitee_visitor_id and facts.invitee_visitor_id == facts.inviter_visitor_id:
        add("same_visitor", "Invitee signed up from the inviter's browser.")
    if facts.invitee_ip and facts.invitee_ip == facts.inviter_ip:
        add("same_ip", f"Same IP address as the inviter ({facts.invitee_ip}).")
    if facts.signups_from_invitee_ip_last_hour >= IP_BURST_SIGNUPS:
        add(
            "ip_burst",
            f"{facts.signups_from_invitee_ip_last_hour} referral sign-ups from this IP in an hour.",
        )
    if (
        facts.invitee_account_age < FRESH_ACCOUNT_AGE
        and facts.invitee_answers < FRESH_ACCOUNT_ANSWERS
    ):
        minutes = int(facts.invitee_account_age.total_seconds() // 60)
        add(
            "fresh_inactive",
            f"Account {minutes} min old with only {facts.invitee_answers} answers.",
        )
    return signals


def fraud_score(signals: list[dict]) -> float:
    return min(1.0, round(sum(signal["weight"] for signal in signals), 3))

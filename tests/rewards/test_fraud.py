from datetime import timedelta

from rewards.fraud import ReferralFacts, fraud_score, referral_fraud_signals


def facts(**overrides) -> ReferralFacts:
    clean = {
        "inviter_email": "ana@example.com",
        "invitee_email": "ben@example.com",
        "inviter_ip": "203.0.113.1",
        "invitee_ip": "198.51.100.7",
        "inviter_visitor_id": "v-ana",
        "invitee_visitor_id": "v-ben",
        "signups_from_invitee_ip_last_hour": 1,
        "invitee_account_age": timedelta(days=2),
        "invitee_answers": 40,
    }
    return ReferralFacts(**{**clean, **overrides})


def codes(referral: ReferralFacts) -> set[str]:
    return {signal["code"] for signal in referral_fraud_signals(referral)}


def test_a_clean_referral_has_no_signals_and_scores_zero():
    assert referral_fraud_signals(facts()) == []
    assert fraud_score([]) == 0


def test_the_same_mailbox_behind_a_plus_tag_is_self_referral():
    assert codes(facts(invitee_email="Ana+2@Example.com")) == {"self_referral"}


def test_gmail_dots_do_not_hide_self_referral():
    referral = facts(inviter_email="a.n.a@gmail.com", invitee_email="ana@googlemail.com")

    assert "self_referral" in codes(referral)


def test_same_browser_and_ip_as_the_inviter_are_signals():
    referral = facts(invitee_visitor_id="v-ana", invitee_ip="203.0.113.1")

    assert codes(referral) == {"same_visitor", "same_ip"}
    assert fraud_score(referral_fraud_signals(referral)) == 1.0


def test_many_signups_from_one_ip_in_an_hour_is_a_signal():
    assert codes(facts(signups_from_invitee_ip_last_hour=3)) == {"ip_burst"}


def test_a_minutes_old_account_with_almost_no_activity_is_a_signal():
    referral = facts(invitee_account_age=timedelta(minutes=3), invitee_answers=4)

    assert codes(referral) == {"fresh_inactive"}
    assert fraud_score(referral_fraud_signals(referral)) == 0.3

from django.http import HttpRequest

from rewards.selectors import balance_get


def points(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"points_balance": balance_get(user_id=user.pk)}

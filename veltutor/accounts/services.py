from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from veltutor.accounts.models import User
from veltutor.accounts.signals import user_signed_up


@transaction.atomic
def user_sign_up(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str = "",
    request: HttpRequest | None = None,
) -> User:
    email = get_user_model().objects.normalize_email(email).strip()
    candidate = User(username=username, email=email, display_name=display_name.strip())
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as error:
        raise ValidationError({"username": ["That username or email is already taken."]}) from error
    transaction.on_commit(lambda: user_signed_up.send(sender=User, user=candidate, request=request))
    return candidate

from veltutor.errors import DomainError, NotFound


class UnknownAction(DomainError):
    code = "unknown_action"
    default_message = "There is no active reward rule for that action."


class UnknownUser(NotFound):
    code = "unknown_user"
    default_message = "There is no such user."

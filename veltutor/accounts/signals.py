from django.dispatch import Signal

# Sent after commit when a new student account exists. Arguments: user, request (may be None).
user_signed_up = Signal()

from django.dispatch import Signal

# Sent after commit when a student finishes. Arguments: session (LearningSession), user.
practice_completed = Signal()
diagnostic_completed = Signal()

from django.dispatch import Signal

# Sent after commit when a student finishes. Arguments: session (LearningSession), user.
practice_completed = Signal()
diagnostic_completed = Signal()

# Sent by `seed_demo` once Phase 1 demo data exists, so that other apps can add theirs.
# Arguments: users (the demo users, by username).
demo_seeded = Signal()

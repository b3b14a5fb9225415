from django.dispatch import Signal

# Sent after commit when a friend finishes playing a shared deck. Arguments: play
# (ChallengeSession), link (BuddyChallenge or Rally), owner (the user who shared it).
buddy_finished_challenge = Signal()
friend_finished_rally = Signal()

"""Page script: see views/workshop_participant.py."""

from views import workshop_participant

workshop_participant.page()

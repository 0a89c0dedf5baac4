"""Page script: see views/workshop_trainer.py."""

from views import workshop_trainer

workshop_trainer.page()

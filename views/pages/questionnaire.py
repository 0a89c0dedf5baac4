"""Page script: see views/questionnaire.py."""

from views import questionnaire

questionnaire.page()

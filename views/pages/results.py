"""Page script: see views/results.py."""

from views import results

results.page()

"""Page script: see views/compare.py."""

from views import compare

compare.page()

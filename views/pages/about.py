"""Page script: see views/about.py."""

from views import about

about.page()

"""Page script: see views/home.py."""

from views import home

home.page()

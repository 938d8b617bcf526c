"""Signals of the places library."""

from django.dispatch import Signal

# Sent by ``load_communes`` inside its transaction once the communes are written, so that the apps whose rows
# name a city in free text give them a commune (``places.linking.link``). A receiver returns
# ``{label: count}`` of the rows it placed.
communes_loaded = Signal()

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """French communes and their positions: the library that places offers and programmes on a map."""

    name = "places"
    verbose_name = "Communes"

from django.apps import AppConfig


class OrientationConfig(AppConfig):
    """The path finder and the reconversion cost simulator: tools that read careers and training."""

    name = "orientation"
    verbose_name = "Orientation"
    url_prefix = "orientation/"

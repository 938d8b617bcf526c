from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """Routes into AI careers (paths) and the programmes that follow them."""

    name = "training"
    verbose_name = "Formations"

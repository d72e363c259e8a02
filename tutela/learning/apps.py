from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "tutela.learning"
    label = "learning"

from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "tutela.curriculum"
    label = "curriculum"

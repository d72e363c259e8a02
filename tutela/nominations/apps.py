from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "tutela.nominations"
    label = "nominations"

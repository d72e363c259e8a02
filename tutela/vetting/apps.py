from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "tutela.vetting"
    label = "vetting"

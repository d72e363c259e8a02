from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "tutela.complaints"
    verbose_name = "Complaints"

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tutela.audit"
    label = "audit"

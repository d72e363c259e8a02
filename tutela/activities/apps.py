from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tutela.activities"
    label = "activities"

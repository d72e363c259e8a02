from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "tutela.pledges"
    label = "pledges"

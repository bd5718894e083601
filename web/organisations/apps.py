from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "web.organisations"
    label = "organisations"
    verbose_name = "单位与人员"

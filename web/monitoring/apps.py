from django.apps import AppConfig


class MonitoringAppConfig(AppConfig):
    name = "web.monitoring"
    label = "monitoring"
    verbose_name = "绩效运行监控与自评"

    def ready(self) -> None:
        import web.monitoring.permissions  # noqa: F401  (registers the object permissions)

from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "web.declarations"
    label = "declarations"
    verbose_name = "绩效目标申报"

    def ready(self) -> None:
        import web.permissions  # noqa: F401  (registers the object permissions)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Cooperation Academy")

    def ready(self):
        from academy import translation_roles  # noqa: F401 (connects the receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners and cohorts")

    def ready(self):
        from learners import audit, signals  # noqa: F401 (connects the receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses.seed import register_step_builder
        from quizzes.seed import build_quiz

        register_step_builder("quiz", build_quiz)

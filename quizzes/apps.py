from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses.seed import register_module_field, register_step_builder
        from courses.seed_translations import register_kept_fields, register_translated_objects
        from quizzes.seed import KEPT_IN_TRANSLATION, build_quiz
        from quizzes.seed_banks import build_final_bank, final_bank_questions

        register_step_builder("quiz", build_quiz)
        register_module_field("final_bank", build_final_bank)
        register_translated_objects(final_bank_questions)
        register_kept_fields(KEPT_IN_TRANSLATION)

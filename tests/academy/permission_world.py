"""The people and objects the permission matrix requests URLs as and with.

One course (a lesson and an essay quiz) taken by two officers in two cohorts, each cohort
with its own trainer; a course lead of the course; an administrator. The officer has a
submitted attempt, an essay answer and a certificate; the URLs are filled with the
officer's objects, so every other role is guessing at someone else's ids.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.models import Locale

from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import translate_object

from certificates.models import Certificate
from learners.models import Cohort, CourseLead
from quizzes.kinds import QuestionKind
from quizzes.models import BankQuestion, QuestionCategory, Response
from reports.models import ExportFile
from tests.builders import add_lesson, course_of, enrolled_learner, make_user
from tests.quizzes.builders import essay, make_quiz, take

# Our apps are those whose code lives in this repository (not in an installed package), so
# a new app is covered the day it is added.
OUR_APPS = tuple(
    config.name.split(".")[0]
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR)
    and "site-packages" not in Path(config.path).parts
)
ROLES = (
    "anonymous",
    "officer",
    "other_officer",
    "trainer",
    "other_trainer",
    "course_lead",
    "administrator",
)


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    pattern: URLPattern
    ours_because: str


def _view_module(pattern):
    view = pattern.callback
    return getattr(getattr(view, "view_class", None), "__module__", None) or view.__module__


def _snippet_of_ours(namespace):
    """'wagtailsnippets_learners_cohort' → True: a snippet viewset of one of our models."""
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            return namespace[len(prefix) :].split("_")[0] in OUR_APPS
    return False


def project_routes():
    """Every URL pattern the project itself defines, by full name (see the test's docstring)."""
    found = {}

    def walk(patterns, prefix, namespace, depth, included_by_us=False):
        for pattern in patterns:
            if isinstance(pattern, URLResolver) and isinstance(
                pattern.pattern, LocalePrefixPattern
            ):
                # i18n_patterns in academy/urls.py: the same URLs, under /ru/ and /uz/ too.
                walk(pattern.url_patterns, prefix, namespace, depth, included_by_us)
                continue
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                module = getattr(pattern.urlconf_module, "__name__", "")
                ours = included_by_us or module.split(".")[0] in OUR_APPS
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, depth + 1, ours)
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            route = prefix + str(pattern.pattern)
            if depth == 0 and route.startswith("media/"):
                continue  # serving uploads in a one-machine demo, only with DEBUG or SERVE_MEDIA
            if depth == 0:
                reason = "defined in academy/urls.py"
            elif included_by_us:
                reason = "in one of our apps' URL configurations"
            elif _view_module(pattern).split(".")[0] in OUR_APPS:
                reason = "a view of ours"
            elif namespace and _snippet_of_ours(namespace.split(":")[-1]):
                reason = "a snippet viewset of one of our models"
            else:
                continue
            assert name not in found, f"two patterns named {name}"
            found[name] = Route(name, route, pattern, reason)

    walk(get_resolver().url_patterns, "", None, 0)
    return found


def build_world():
    quiz = make_quiz(questions=[essay()], attempts_allowed=3)
    course = course_of(quiz)
    lesson = add_lesson(quiz.get_parent(), "Lesson before the quiz")
    officer = enrolled_learner(quiz, "officer")
    other_officer = enrolled_learner(quiz, "other_officer")
    trainer = make_user("trainer", groups=["Trainers"])
    other_trainer = make_user("other_trainer", groups=["Trainers"])
    cohort = Cohort.objects.create(name="Cohort A")
    other_cohort = Cohort.objects.create(name="Cohort C")
    for group, learner, teacher in [
        (cohort, officer, trainer),
        (other_cohort, other_officer, other_trainer),
    ]:
        group.learners.add(learner)
        group.trainers.add(teacher)
        group.courses.add(course)
    course_lead = make_user("course_lead", groups=["Course leads"])
    lead_row = CourseLead.objects.create(user=course_lead, course=course)
    administrator = make_user("administrator", groups=["Administrators"])
    export = ExportFile.objects.create(
        requested_by=trainer, cohort=cohort, format="csv", state=ExportFile.State.READY
    )
    export.file.save("report.csv", ContentFile(b"learner\n"))
    attempt = take(quiz, officer, {"Explain.": "The officer's own words."})
    take(quiz, other_officer, {"Explain.": "The other officer's words."})
    response = Response.objects.get(attempt=attempt, version__kind=QuestionKind.ESSAY)
    certificate = Certificate.objects.create(
        user=officer,
        course=course,
        learner_name="Officer",
        course_title=course.title,
        issued_at=timezone.now(),
    )
    category = QuestionCategory.objects.create(name="Evidence")
    bank_question = BankQuestion.objects.create(
        kind=QuestionKind.ESSAY, prompt="Bank essay.", category=category
    )
    # A lesson being translated into Russian (a draft, to be submitted to review).
    ru = Locale.objects.get(language_code="ru")
    translate_object(lesson, [ru])
    users = {
        "anonymous": None,
        "officer": officer,
        "other_officer": other_officer,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "course_lead": course_lead,
        "administrator": administrator,
    }
    # Every URL keyword the project's patterns take, filled with the officer's objects.
    snippet_pks = {
        "learners_cohort": cohort.pk,
        "learners_courselead": lead_row.pk,
        "certificates_certificate": certificate.pk,
        "quizzes_bankquestion": bank_question.pk,
        "quizzes_questioncategory": category.pk,
    }
    kwargs = {
        "api_page": quiz.pk,
        "quiz_id": quiz.pk,
        "response_id": response.pk,
        "attempt_id": attempt.pk,
        "course_id": course.pk,
        "step_id": lesson.pk,
        "page_id": lesson.get_translation(ru).pk,
        "translation_source_id": TranslationSource.objects.get_for_instance(lesson).pk,
        "cohort_id": cohort.pk,
        "code": certificate.code,
        "path": course.url.lstrip("/"),  # a page of the tree, found by its path
        "user_id": officer.pk,
        "format_name": "csv",
        "token": export.token,  # the trainer's background export
        "uidb64": urlsafe_base64_encode(force_bytes(officer.pk)),  # a set-password link...
    }
    kwargs["set_password_token"] = "guessed-token"  # ...with a token nobody was sent
    return World(users, kwargs, snippet_pks)


SET_PASSWORD_LINKS = {"learners:set_password", "password_reset_confirm"}


@dataclass
class World:
    users: dict
    kwargs: dict
    snippet_pks: dict

    def url(self, route):
        """`route` reversed with the officer's objects for its keywords."""
        namespace = route.name.rsplit(":", 1)[0] if ":" in route.name else ""
        values = {}
        keywords = route.pattern.pattern.converters or route.pattern.pattern.regex.groupindex
        for keyword in keywords:
            if keyword == "token" and route.name in SET_PASSWORD_LINKS:
                values[keyword] = self.kwargs["set_password_token"]
            elif keyword != "pk":
                values[keyword] = self.kwargs[keyword]
            elif namespace.startswith("wagtailapi"):
                values[keyword] = self.kwargs["api_page"]
            else:  # a snippet viewset: wagtailsnippets_<app>_<model>
                values[keyword] = self.snippet_pks[namespace.split("_", 1)[1]]
        return reverse(route.name, kwargs=values)

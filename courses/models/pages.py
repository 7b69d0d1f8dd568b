"""The course tree: catalog → course → module → steps (lessons, quizzes, ...).

A step is any page that subclasses `StepPage`; a module accepts every such type, so a new
kind of step (a quiz, a drill, an assignment) plugs in without this app naming it.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.routing import RoutedPageMixin
from courses.translations import (
    StaysInLanguageMixin,
    content_language_names,
    in_language,
    languages_of,
    source_page,
)
from courses.tree import parent_path


def objectives_field(verbose_name):
    return StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=300, icon="tick"))],
        blank=True,
        verbose_name=verbose_name,
        help_text=_("One observable thing the learner can do afterwards, per item."),
    )


class CourseIndexPage(RoutedPageMixin, StaysInLanguageMixin, Page):
    """The catalog: lists the published courses."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["academy.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("course catalog")

    def get_context(self, request, *args, **kwargs):
        from courses.enrolments import enrolled_course_ids

        context = super().get_context(request, *args, **kwargs)
        # Courses are written in English: list the English catalog's courses, each in
        # the reader's language where translated, with the languages it is available in.
        catalog = self if self.locale_id == self._default_locale_id() else self.english()
        courses = list(
            CoursePage.objects.child_of(catalog)
            .live()
            .public()
            .select_related("cover_image")
            .prefetch_related("subjects")
            .order_by("path")
        )
        languages = languages_of(courses)
        names = content_language_names()
        courses = in_language(courses, translation.get_language())
        for course in courses:
            course.language_names = [
                names[code] for code in languages.get(course.translation_key, [])
            ]
        context["courses"] = courses
        context["enrolled_ids"] = enrolled_course_ids(request.user)
        return context

    @staticmethod
    def _default_locale_id():
        return Locale.get_default().pk

    def english(self):
        return self.get_translation(Locale.get_default())


class CourseSubjectTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_subjects", on_delete=models.CASCADE
    )


class CoursePage(RoutedPageMixin, StaysInLanguageMixin, Page):
    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the catalog."))
    learning_objectives = objectives_field(_("learning objectives"))
    audience = models.TextField(_("audience"), blank=True)
    estimated_duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=60
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    subjects = ClusterTaggableManager(
        through=CourseSubjectTag, blank=True, verbose_name=_("subjects")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="required_by",
        help_text=_("Courses a learner should take first."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_duration_minutes"),
                FieldPanel("subjects"),
                FieldPanel("prerequisites"),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("cover_image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    api_fields = [
        APIField("summary"),
        APIField("audience"),
        APIField("level"),
        APIField("estimated_duration_minutes"),
        APIField("learning_objectives"),
    ]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from courses.caching import shared
        from courses.enrolments import find_enrolment
        from courses.progress import course_progress

        context = super().get_context(request, *args, **kwargs)
        course = source_page(self)  # one progress across languages
        context["progress"] = course_progress(request.user, course)
        context["enrolment"] = find_enrolment(request.user, course)
        if getattr(request, "is_preview", False):
            context.update(self.facts())
        else:  # the same for every learner until the next publication
            context.update(shared("course-facts", self.pk, build=self.facts))
        return context

    def facts(self):
        # all() also works on the in-memory relations of an unsaved preview.
        return {
            "prerequisite_courses": [c for c in self.prerequisites.all() if c.live],
            "subjects": [tag.name for tag in self.subjects.all()],
        }


class ModulePage(RoutedPageMixin, StaysInLanguageMixin, Page):
    summary = models.TextField(_("summary"), blank=True)
    objectives = objectives_field(_("objectives"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("objectives")]
    parent_page_types = ["courses.CoursePage"]
    api_fields = [APIField("summary"), APIField("objectives")]

    class Meta:
        verbose_name = _("module")

    @classmethod
    def allowed_subpage_models(cls):
        # Every concrete StepPage type, wherever it is defined.
        return [model for model in super().allowed_subpage_models() if issubclass(model, StepPage)]

    def get_context(self, request, *args, **kwargs):
        from courses.enrolments import find_enrolment
        from courses.outline import course_at
        from courses.progress import course_progress

        context = super().get_context(request, *args, **kwargs)
        course = source_page(course_at(parent_path(self)))
        progress = course_progress(request.user, course)
        context["course"] = course
        context["enrolment"] = find_enrolment(request.user, course)
        context["module_progress"] = next(
            (m for m in progress.modules if m.page.translation_key == self.translation_key), None
        )
        context["module_list"] = [context["module_progress"]] if context["module_progress"] else []
        return context


class StepPage(RoutedPageMixin, StaysInLanguageMixin, Page):
    """One step of a module's sequence. Subclass it to add a new kind of step."""

    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=10)

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    api_fields = [APIField("summary"), APIField("estimated_minutes")]

    class Meta:
        abstract = True

    # What the module outline calls this kind of step; subclasses override.
    step_kind_label = _("Step")

    def serve(self, request, *args, **kwargs):
        from courses.enrolments import can_take_step
        from courses.learner_state import course_state_of_step

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # One query for the enrolment and the steps done, which the context reuses.
        state = course_state_of_step(request.user, source_page(self))
        if not can_take_step(request.user, source_page(self), state):
            from courses.progress import course_of_step

            messages.info(request, _("Enrol in this course to start its lessons."))
            return redirect(course_of_step(self).get_url(request))
        return super().serve(request, *args, course_state=state, **kwargs)

    def get_context(self, request, *args, course_state=None, **kwargs):
        from courses.progress import step_context

        context = super().get_context(request, *args, **kwargs)
        done_ids = course_state.done_ids if course_state else None
        context.update(step_context(request.user, source_page(self), done_ids=done_ids))
        return context


class LessonPage(StepPage):
    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [*StepPage.api_fields]
    step_kind_label = _("Lesson")

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from courses.caching import content_generation

        context = super().get_context(request, *args, **kwargs)
        context["content_generation"] = content_generation()
        return context

    def serve(self, request, *args, **kwargs):
        from courses.step_frame import lesson_response

        return lesson_response(self, request, super().serve(request, *args, **kwargs))

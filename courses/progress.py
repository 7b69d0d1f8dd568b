"""Progress arithmetic and the small API through which steps report completion.

Any kind of step (a lesson here, a quiz in `quizzes`) calls `record_completion` when the
learner has done it and `revoke_completion` when a later decision takes it back (an essay
re-marked as failing). Module and course progress are derived from completed steps with a
fixed number of queries, however long the course.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from wagtail.models import Page

from courses import audit, caching
from courses.models import CoursePage, Enrolment, StepCompletion
from courses.signals import course_completed, course_reopened

STEPLEN = Page.steplen
# A step is a child of a module, which is a child of the course.
STEP_DEPTH_BELOW_COURSE = 2


def percent(done, total):
    """Whole percent, rounded down so that 100 % always means everything is done."""
    return (100 * done) // total if total else 0


@dataclass
class StepState:
    page: Page
    done: bool
    number: int  # 1-based position in the course

    @property
    def kind_label(self):
        return getattr(self.page.specific_class, "step_kind_label", "")


class StepCounts:
    """Done, total and percent of whatever `steps` a progress object holds."""

    @property
    def total(self):
        return len(self.steps)

    @property
    def done(self):
        return sum(1 for step in self.steps if step.done)

    @property
    def percent(self):
        return percent(self.done, self.total)


@dataclass
class ModuleProgress(StepCounts):
    page: Page
    steps: list = field(default_factory=list)


@dataclass
class CourseProgress(StepCounts):
    course: CoursePage
    modules: list

    @property
    def steps(self):
        return [step for module in self.modules for step in module.steps]

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total

    @property
    def next_step(self):
        """Where the learner resumes: the first step not yet done."""
        return next((step for step in self.steps if not step.done), None)

    def as_dict(self):
        return {
            "course": {"id": self.course.pk, "title": self.course.title},
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "modules": [
                {
                    "id": module.page.pk,
                    "title": module.page.title,
                    "done": module.done,
                    "total": module.total,
                    "percent": module.percent,
                    "steps": [
                        {"id": step.page.pk, "title": step.page.title, "done": step.done}
                        for step in module.steps
                    ],
                }
                for module in self.modules
            ],
        }


def course_path_of_step(step):
    return step.path[: (step.depth - STEP_DEPTH_BELOW_COURSE) * STEPLEN]


def course_of_step(step):
    """The course a step belongs to, from the shared cache (one query when it is cold)."""
    return course_at(course_path_of_step(step))


def course_at(path):
    """The course page at a tree path, from the shared cache (one query when it is cold)."""
    return caching.shared("course", path, build=lambda: CoursePage.objects.get(path=path))


def _outline_steps(course_path):
    """The live steps of the course at `course_path`, in order, from the cached outline."""
    course = course_at(course_path)
    depth = course.depth + STEP_DEPTH_BELOW_COURSE
    outline = caching.shared("outline", course.path, build=lambda: _outline_pages(course))
    return [page for page in outline if page.depth == depth]


def step_after(step):
    """The next live step of the same course, across modules, or None."""
    return next(
        (page for page in _outline_steps(course_path_of_step(step)) if page.path > step.path),
        None,
    )


def completed_step_ids(user, course_path):
    if not user.is_authenticated:
        return set()
    return set(
        StepCompletion.objects.filter(user=user, step__path__startswith=course_path).values_list(
            "step_id", flat=True
        )
    )


def course_progress(user, course):
    """The module outline of `course` with this learner's completion marks.

    The outline is the same for every learner and cached; their marks are one query.
    """
    tree = caching.shared("outline", course.path, build=lambda: _outline_pages(course))
    done_ids = completed_step_ids(user, course.path)
    modules = []
    number = 0
    for page in tree:
        if page.depth == course.depth + 1:
            modules.append(ModuleProgress(page=page))
        elif modules and page.path.startswith(modules[-1].page.path):
            number += 1
            modules[-1].steps.append(StepState(page=page, done=page.pk in done_ids, number=number))
    return CourseProgress(course=course, modules=modules)


def _outline_pages(course):
    return list(
        Page.objects.live()
        .descendant_of(course)
        .filter(depth__lte=course.depth + STEP_DEPTH_BELOW_COURSE)
        .order_by("path")
    )


def find_enrolment(user, course):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrolled_course_ids(user):
    if not user.is_authenticated:
        return set()
    return set(Enrolment.objects.filter(user=user).values_list("course_id", flat=True))


def enrol(user, course):
    """Enrol `user` in `course`; enrolling twice is harmless. Returns (enrolment, created)."""
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(user=user, course=course)
    except IntegrityError:  # a simultaneous request enrolled first
        return Enrolment.objects.get(user=user, course=course), False


def is_enrolled_in_course_of(user, step):
    return Enrolment.objects.filter(user=user, course__path=course_path_of_step(step)).exists()


def can_take_step(user, step):
    """Enrolled learners take steps; trainers and editors may read any step."""
    if not user.is_authenticated:
        return False
    return is_enrolled_in_course_of(user, step) or user.has_perm("wagtailadmin.access_admin")


def step_context(user, step):
    """What a step's page shows around its content: outline, previous/next, progress."""
    course = course_of_step(step)
    progress = course_progress(user, course)
    steps = progress.steps
    index = next((i for i, state in enumerate(steps) if state.page.pk == step.pk), None)
    module = next(
        (m for m in progress.modules if step.path.startswith(m.page.path)),
        None,
    )
    return {
        "course": course,
        "progress": progress,
        "current_module": module,
        "current_step": steps[index] if index is not None else None,
        "previous_step": steps[index - 1] if index else None,
        "next_step": steps[index + 1] if index is not None and index + 1 < len(steps) else None,
    }


def _refresh_course_completion(user, step):
    course_path = course_path_of_step(step)
    total = len(_outline_steps(course_path))
    done = StepCompletion.objects.filter(
        user=user,
        step__live=True,
        step__path__startswith=course_path,
        step__depth=step.depth,
    ).count()
    completed_at = timezone.now() if total and done >= total else None
    enrolments = Enrolment.objects.filter(user=user, course__path=course_path)
    if completed_at:
        changed = enrolments.filter(completed_at__isnull=True).update(completed_at=completed_at)
        signal = course_completed
    else:
        changed = enrolments.exclude(completed_at__isnull=True).update(completed_at=None)
        signal = course_reopened
    if changed:
        for enrolment in enrolments.select_related("course", "user"):
            signal.send(sender=Enrolment, enrolment=enrolment)


def record_completion(user, step):
    """Mark `step` done for `user` (idempotent). Returns True if this call completed it."""
    created = not StepCompletion.objects.filter(user=user, step_id=step.pk).exists()
    if created:
        # A double click may race us here: the second insert is ignored, and refreshing
        # the course's completion twice changes nothing.
        StepCompletion.objects.bulk_create(
            [StepCompletion(user=user, step_id=step.pk)], ignore_conflicts=True
        )
        audit.completion_recorded(user, step, course_path_of_step(step))
        _refresh_course_completion(user, step)
    return created


def revoke_completion(user, step):
    """Take back a completion, e.g. when an essay re-mark turns a pass into a fail."""
    deleted, _ = StepCompletion.objects.filter(user=user, step_id=step.pk).delete()
    if deleted:
        audit.completion_revoked(user, step, course_path_of_step(step))
        _refresh_course_completion(user, step)
    return bool(deleted)


@dataclass
class EnrolmentProgress:
    enrolment: Enrolment
    done: int
    total: int

    @property
    def course(self):
        return self.enrolment.course

    @property
    def percent(self):
        return percent(self.done, self.total)


def _step_totals(paths, depth, prefix_len):
    """{course id: live steps}, the same for every learner (cached by the caller)."""
    rows = (
        Page.objects.live()
        .filter(depth=depth + STEP_DEPTH_BELOW_COURSE)
        .annotate(course_path=Substr("path", 1, prefix_len))
        .filter(course_path__in=paths)
        .order_by()  # a default ordering would split the groups
        .values("course_path")
        .annotate(n=Count("id"))
    )
    return {paths[row["course_path"]]: row["n"] for row in rows}


def _counts_by_course(course_pages, user_ids):
    """Totals per course and completions per (user, course), grouped in the database."""
    totals = {}
    done = defaultdict(int)
    by_depth = defaultdict(list)
    for course in course_pages:
        by_depth[course.depth].append(course)
    for depth, courses in by_depth.items():
        prefix_len = depth * STEPLEN
        paths = {course.path: course.pk for course in courses}
        totals.update(
            caching.shared(
                "step-totals",
                *sorted(paths),
                build=partial(_step_totals, paths, depth, prefix_len),
            )
        )
        rows = (
            StepCompletion.objects.filter(
                user_id__in=user_ids,
                step__live=True,
                step__depth=depth + STEP_DEPTH_BELOW_COURSE,
            )
            .annotate(course_path=Substr("step__path", 1, prefix_len))
            .filter(course_path__in=paths)
            .order_by()
            .values("user_id", "course_path")
            .annotate(n=Count("id"))
        )
        for row in rows:
            done[(row["user_id"], paths[row["course_path"]])] = row["n"]
    return totals, done


def dashboard_progress(user):
    """Every enrolment of `user` with its progress, in three queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "course__cover_image")
        .order_by("-enrolled_at")
    )
    totals, done = _counts_by_course([e.course for e in enrolments], [user.pk])
    return [
        EnrolmentProgress(
            enrolment=e,
            done=done.get((user.pk, e.course_id), 0),
            total=totals.get(e.course_id, 0),
        )
        for e in enrolments
    ]


def progress_table(user_ids, courses):
    """Progress of many learners in many courses: {(user_id, course_id): (done, total)}."""
    totals, done = _counts_by_course(courses, user_ids)
    return {
        (user_id, course.pk): (done.get((user_id, course.pk), 0), totals.get(course.pk, 0))
        for user_id in user_ids
        for course in courses
    }

"""A learner's progress through one course: the read model of the course, module and step pages.

Module and course progress are derived from the learner's completed steps (see
`courses.completion`) with a fixed number of queries, however long the course.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from courses.caching import content_generation
from courses.completion import completed_step_ids
from courses.outline import course_at, outline_pages, outline_steps
from courses.tree import (
    course_path_of_step,
    is_below,
    module_depth,
)


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
    course: Page
    modules: list

    @property
    def steps(self):
        return [step for module in self.modules for step in module.steps]

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total

    @property
    def done_key(self):
        """The steps done, as text: what the cached outline of a step page varies on."""
        return ",".join(str(step.page.pk) for step in self.steps if step.done)

    @property
    def next_step(self):
        """Where the learner resumes: the first step not yet done."""
        return next((step for step in self.steps if not step.done), None)


def course_of_step(step):
    """The course a step belongs to, from the shared cache (one query when it is cold)."""
    return course_at(course_path_of_step(step))


def step_after(step):
    """The next live step of the same course, across modules, or None."""
    return next(
        (page for page in outline_steps(course_path_of_step(step)) if page.path > step.path),
        None,
    )


def course_progress(user, course, done_ids=None):
    """The module outline of `course` with this learner's completion marks.

    The outline is the same for every learner and cached; their marks are one query, or
    none when the caller has them already (`done_ids`).
    """
    tree = outline_pages(course)
    if done_ids is None:
        done_ids = completed_step_ids(user, course.path)
    modules = []
    number = 0
    for page in tree:
        if page.depth == module_depth(course.depth):
            modules.append(ModuleProgress(page=page))
        elif modules and is_below(page, modules[-1].page):
            number += 1
            modules[-1].steps.append(StepState(page=page, done=page.pk in done_ids, number=number))
    return CourseProgress(course=course, modules=modules)


def step_context(user, step, done_ids=None):
    """What a step's page shows around its content: outline, previous/next, progress."""
    course = course_of_step(step)
    progress = course_progress(user, course, done_ids)
    steps = progress.steps
    index = next((i for i, state in enumerate(steps) if state.page.pk == step.pk), None)
    module = next((m for m in progress.modules if is_below(step, m.page)), None)
    return {
        "content_generation": content_generation(),
        "course": course,
        "progress": progress,
        "current_module": module,
        "current_step": steps[index] if index is not None else None,
        "previous_step": steps[index - 1] if index else None,
        "next_step": steps[index + 1] if index is not None and index + 1 < len(steps) else None,
    }

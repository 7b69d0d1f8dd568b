"""Small builders for test data: each test makes only what it needs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page

from wagtail_localize.operations import translate_object

from courses import completion, enrolments
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

PASSWORD = "correct-horse-battery"


def make_user(username="learner", *, groups=(), **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def catalog():
    """The English catalog (translations of it live in the Russian and Uzbek trees)."""
    return CourseIndexPage.objects.get(locale__language_code="en")


def add_page(parent, page, *, revisions=True):
    """Add `page` under `parent`, live; published through a revision unless `revisions` is
    False (much faster, for tests that never look at a page's history or drafts)."""
    parent.add_child(instance=page)
    if revisions:
        page.save_revision().publish()
    return page


def make_course(
    title="Cooperation basics", *, modules=1, lessons=3, parent=None, revisions=True, **fields
):
    """A live course with `modules` modules of `lessons` lessons each (see `add_page`)."""
    course = add_page(
        parent or catalog(),
        CoursePage(title=title, summary=fields.pop("summary", f"About {title}."), **fields),
        revisions=revisions,
    )
    for m in range(1, modules + 1):
        module = add_page(course, ModulePage(title=f"Module {m}"), revisions=revisions)
        for n in range(1, lessons + 1):
            add_lesson(module, f"Lesson {m}.{n}", revisions=revisions)
    return course


def add_lesson(module, title, body=None, *, revisions=True):
    body = body or [("rich_text", f"<p>Text of {title}.</p>")]
    return add_page(module, LessonPage(title=title, body=body), revisions=revisions)


def course_of(page):
    """The course `page` is in (or `page` itself, if it is a course)."""
    return CoursePage.objects.ancestor_of(page, inclusive=True).get()


def enrolled_learner(page, username="officer", *, done=0, groups=("Learners",)):
    """A learner enrolled in the course of `page` (a course or any page in it), who has
    done its first `done` lessons."""
    user = make_user(username, groups=groups)
    course = course_of(page)
    enrolments.enrol(user, course)
    for lesson in lessons_of(course)[:done]:
        completion.record_completion(user, lesson)
    return user


def lessons_of(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def modules_of(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


def root_page():
    return Page.objects.get(depth=1)


def translated(page, language, **fields):
    """Publish a translation of `page` into `language` (its parents become live aliases)."""
    translate_object(page, [Locale.objects.get(language_code=language)])
    translation = page.get_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation

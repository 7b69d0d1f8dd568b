from .pages import CourseIndexPage, CoursePage, CourseSubjectTag, LessonPage, ModulePage, StepPage
from .progress import Enrolment, StepCompletion

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseSubjectTag",
    "Enrolment",
    "LessonPage",
    "ModulePage",
    "StepCompletion",
    "StepPage",
]

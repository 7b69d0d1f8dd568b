from .pages import CourseIndexPage, CoursePage, CourseSubjectTag, LessonPage, ModulePage, StepPage
from .progress import Enrolment, StepCompletion
from .seeding import SeedRecord, TranslationSeedRecord

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseSubjectTag",
    "Enrolment",
    "LessonPage",
    "ModulePage",
    "SeedRecord",
    "StepCompletion",
    "StepPage",
    "TranslationSeedRecord",
]

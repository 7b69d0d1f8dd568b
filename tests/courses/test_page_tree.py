from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from academy.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage


class PageTreeRules(WagtailPageTestCase):
    def test_home_holds_only_the_catalog(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage})

    def test_catalog_holds_courses(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_course_holds_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_module_holds_steps(self):
        allowed = set(ModulePage.allowed_subpage_models())
        self.assertIn(LessonPage, allowed)
        self.assertNotIn(ModulePage, allowed)
        self.assertNotIn(CoursePage, allowed)

    def test_lesson_only_under_a_module(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)

    def test_lesson_is_a_leaf(self):
        self.assertAllowedSubpageTypes(LessonPage, {})

    def test_migration_made_the_site_tree(self):
        home = HomePage.objects.get()
        self.assertEqual(home.get_parent().specific_class, Page)
        self.assertTrue(CourseIndexPage.objects.child_of(home).exists())

"""Trainers author in the Wagtail admin: pages render in preview, and can be created."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage, ModulePage
from tests.builders import lessons_of, make_course


class PreviewsAndCreation(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.course = make_course(modules=1, lessons=2)
        cls.module = ModulePage.objects.child_of(cls.course).get()
        cls.lesson = lessons_of(cls.course)[0]

    def setUp(self):
        self.login()  # a superuser

    def test_every_course_page_type_previews(self):
        objectives = streamfield([("objective", "Draft a request")])
        cases = [
            (
                self.course.get_parent().specific,
                {"title": "Courses", "slug": "courses", "intro": ""},
            ),
            (
                self.course,
                {
                    "title": self.course.title,
                    "slug": self.course.slug,
                    "summary": "About it.",
                    "learning_objectives": objectives,
                    "audience": "",
                    "level": "introductory",
                    "estimated_duration_minutes": "60",
                    "subjects": "",
                },
            ),
            (
                self.module,
                {
                    "title": "Module 1",
                    "slug": self.module.slug,
                    "summary": "",
                    "objectives": objectives,
                },
            ),
            (
                self.lesson,
                {
                    "title": "Lesson 1.1",
                    "slug": self.lesson.slug,
                    "summary": "",
                    "estimated_minutes": "10",
                    "body": streamfield([("rich_text", rich_text("<p>Preview me.</p>"))]),
                },
            ),
        ]
        for page, data in cases:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=nested_form_data(data))

    def test_a_new_lesson_previews_before_it_is_saved(self):
        url = f"/admin/pages/add/courses/lessonpage/{self.module.pk}/preview/"
        data = nested_form_data(
            {
                "title": "Draft lesson",
                "slug": "draft-lesson",
                "summary": "",
                "estimated_minutes": "10",
                "body": streamfield([("rich_text", rich_text("<p>Not saved yet.</p>"))]),
            }
        )
        assert self.client.post(url, data).json() == {"is_valid": True, "is_available": True}
        response = self.client.get(url)
        self.assertContains(response, "Not saved yet.")

    def test_a_trainer_can_create_a_lesson_with_every_text_block(self):
        body = streamfield(
            [
                ("rich_text", rich_text("<p>Requests go through the central authority.</p>")),
                ("key_point", {"title": "Remember", "text": "Formal channels take time."}),
                (
                    "case_study",
                    {
                        "title": "A request for subscriber data",
                        "scenario": rich_text("<p>A partner agency asks for data.</p>"),
                        "questions": streamfield([("item", "Which channel?")]),
                    },
                ),
                (
                    "quotation",
                    {"text": "Quoted words", "source": "Sarmonov 2025", "reference": "[4]"},
                ),
                (
                    "legal_instrument",
                    {"name": "UNTOC", "year": "2000", "article": "Art. 18", "url": ""},
                ),
                ("glossary_term", {"term": "MLA", "definition": "Mutual legal assistance."}),
            ]
        )
        self.assertCanCreate(
            self.module,
            LessonPage,
            nested_form_data(
                {
                    "title": "Writing a request",
                    "slug": "writing-a-request",
                    "summary": "",
                    "estimated_minutes": "10",
                    "body": body,
                }
            ),
        )
        lesson = LessonPage.objects.get(slug="writing-a-request")
        assert [b.block_type for b in lesson.body] == [
            "rich_text",
            "key_point",
            "case_study",
            "quotation",
            "legal_instrument",
            "glossary_term",
        ]

    def test_module_page_shows_its_objectives_and_steps(self):
        self.module.objectives = [("objective", "Name the central authority")]
        self.module.save_revision().publish()
        response = self.client.get(self.module.url)
        self.assertContains(response, "Name the central authority")
        self.assertContains(response, "Lesson 1.1")
        self.assertContains(response, "Lesson 1.2")

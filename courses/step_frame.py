"""A lesson page for a learner, rendered once for every learner it looks the same to.

Rendering the template was the largest part of a lesson request (about 40 % of it in a
cProfile of the seeded site, before frames). But a lesson page differs from one learner to the next in three
things only: the outline beside the lesson (their marks), whether this lesson is done
(the form at its end), and the CSRF tokens of its forms. Everything else is a function of
the live lesson, the content generation, the language, the address and whether the header
shows "My cohorts". So the page is rendered once per such *frame*, with a hole where the
outline goes, and cached; each request fills in the learner's outline (itself cached per
set of steps done) and their CSRF token. The learner's state still comes from the
database on every request: the frame is chosen by it, never stands in for it.

Not framed, and so rendered as before: previews, a query string, pending messages (the
template shows and consumes them), and whoever a `page_frame_variant` hook refuses.

The frame's header belongs to other apps: each `page_frame_variant` Wagtail hook returns
what the header shows this user (a hashable that goes into the frame's key), or None when
the page must not be framed for them. `learners` registers one: "My cohorts" or not, and
no frame for those who may open the admin (Wagtail's user bar shows them page actions).
"""

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail import hooks

from courses import caching

OUTLINE_HOLE = "\x00outline\x00"
CSRF_PLACEHOLDER = b'name="csrfmiddlewaretoken" value="\x00csrf\x00"'
OUTLINE_TEMPLATE = "courses/includes/step_outline_cached.html"


def _frameable(request, response):
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(request, "is_preview", False)
        and isinstance(response, TemplateResponse)
        and not response.is_rendered
        and response.status_code == 200
        and not response.has_header("Cache-Control")
        and request.user.is_authenticated
        and not len(get_messages(request))  # counting them leaves them for the next page
    )


def _variant(request):
    """What the other apps' part of the frame shows this user, or None: no frame."""
    parts = []
    for variant_of in hooks.get_hooks("page_frame_variant"):
        part = variant_of(request)
        if part is None:
            return None
        parts.append(part)
    return parts


def _fill_csrf(content, request):
    if CSRF_PLACEHOLDER not in content:
        return content
    field = b'name="csrfmiddlewaretoken" value="' + get_token(request).encode() + b'"'
    return content.replace(CSRF_PLACEHOLDER, field)


def lesson_response(page, request, response):
    """`response` (a lesson's unrendered TemplateResponse), answered from its cached frame."""
    if not _frameable(request, response) or not page.live_revision_id:
        return response
    context = response.context_data or {}
    step = context.get("current_step")
    variant = _variant(request)
    if step is None or variant is None:
        return response

    def render_frame():
        response.context_data = {**context, "outline_hole": mark_safe(OUTLINE_HOLE)}  # noqa: S308 (our own marker)
        response.render()
        return caching.CSRF_FIELD.sub(CSRF_PLACEHOLDER, response.content)

    frame = caching.shared(
        "lesson-frame",
        page.pk,
        page.live_revision_id,
        translation.get_language(),
        request.get_host(),
        request.path,
        int(step.done),
        *variant,
        build=render_frame,
        reuse=True,  # bytes: nobody can change them
    )
    outline = render_to_string(OUTLINE_TEMPLATE, context, request=request)
    content = frame.replace(OUTLINE_HOLE.encode(), outline.encode(), 1)
    framed = HttpResponse(_fill_csrf(content, request), content_type=response["Content-Type"])
    for header, value in response.items():
        framed.headers.setdefault(header, value)
    return framed

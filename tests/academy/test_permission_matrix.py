"""Every URL the project defines × every role → the status code each must get.

Which URLs: the resolver is walked recursively and a pattern is the project's own when
- it is written directly in academy/urls.py (the login and logout pages), or
- it is in the URL configuration of one of our apps (whichever view serves it: the
  password-reset pages are Django's views at our addresses), or
- its view is defined in one of our packages (academy, courses, learners, quizzes,
  certificates): our apps' urls, the admin pages our wagtail_hooks register
  (`register_admin_urls`), the catalog API router of academy/api.py, or
- it belongs to a snippet viewset of one of our models, registered by our wagtail_hooks
  (list, edit, history, chooser, ... of cohorts, course leads, certificates, the
  question bank): they show or change our records.
Wagtail's own admin (pages, images, documents, users, reports), Django's admin, the
language switch, document serving and Wagtail's page serving are out of scope: they
belong to their frameworks and are tested there.

A new URL of ours without a row here fails `test_every_project_url_has_a_row`. URLs are
filled with the officer's objects (their attempt, essay answer, cohort, certificate...),
so every other role is guessing someone else's ids. Views that only accept POST are
posted to, empty. 302 is a redirect: to a login page for anonymous users and learners in
the admin, to the admin's home with "permission denied" for staff without a permission,
or onwards (a submitted attempt to its result).
"""

from django.db import transaction

import pytest

from tests.academy.permission_world import ROLES, build_world, project_routes

pytestmark = pytest.mark.django_db

# Columns: anonymous, officer, other officer, trainer of the officer's cohort, trainer of
# another cohort (of the same course), course lead of the course, administrator.
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
EVERYONE_THEIR_OWN = (302, 200, 200, 200, 200, 200, 200)
STAFF = (302, 302, 302, 200, 200, 200, 200)
ADMINISTRATORS = (302, 302, 302, 302, 302, 302, 200)
NO_ONE = (302, 302, 302, 302, 302, 302, 302)


def snippet_rows(app_model, *, views, choosers):
    rows = {}
    for name in ["list", "list_results", "add", "edit", "delete", "usage", "history"]:
        rows[f"wagtailsnippets_{app_model}:{name}"] = views
    rows[f"wagtailsnippets_{app_model}:history_results"] = views
    rows[f"wagtailsnippets_{app_model}:copy"] = views
    for name in ["choose", "choose_results", "chosen", "chosen_multiple", "create"]:
        rows[f"wagtailsnippetchoosers_{app_model}:{name}"] = choosers
    return rows


POST_ONLY = {
    "logout",
    "courses:enrol",
    "courses:complete_lesson",
    "quizzes:start",
    "quizzes:submit",
    "quizzes:autosave",
    "learners:cohort_import_confirm",
    "switch_language",
}

MATRIX = {
    # The project's own pages and the public catalog API.
    "login": PUBLIC,
    "logout": NO_ONE,  # everyone is sent on after logging out
    "wagtailapi:pages:listing": PUBLIC,
    "wagtailapi:pages:detail": PUBLIC,  # a quiz page's fields hold no question
    "wagtailapi:pages:find": (
        404,
        404,
        404,
        404,
        404,
        404,
        404,
    ),  # finds nothing without ?html_path
    "certificates:verify": PUBLIC,  # whoever holds the code
    "academy_serve": PUBLIC,  # a course page, found through the cached route table
    # A learner's own records: each user sees only their own.
    "courses:dashboard": EVERYONE_THEIR_OWN,
    "courses:progress_json": EVERYONE_THEIR_OWN,
    "courses:course_progress_json": (302, 200, 200, 404, 404, 404, 404),  # staff not enrolled
    "courses:enrol": NO_ONE,  # enrols, then on to the first step
    "courses:complete_lesson": NO_ONE,  # done, or "enrol first", then onwards
    "learners:profile": EVERYONE_THEIR_OWN,
    "certificates:mine": EVERYONE_THEIR_OWN,
    "quizzes:start": NO_ONE,  # each starts their own attempt, then goes to it
    "quizzes:attempt": (302, 302, 404, 404, 404, 404, 404),  # submitted: on to its result
    "quizzes:submit": (302, 302, 404, 404, 404, 404, 404),  # already submitted: to its result
    "quizzes:autosave": (302, 409, 404, 404, 404, 404, 404),  # closed attempt: 409 JSON
    "quizzes:result": (302, 200, 404, 404, 404, 404, 404),
    # Following learners: trainers their cohorts, course leads their courses, administrators all.
    "learners:cohort_list": EVERYONE_THEIR_OWN,  # an empty list for learners
    "learners:cohort_detail": (302, 404, 404, 200, 404, 200, 200),
    "learners:cohort_assignments": (302, 404, 404, 200, 404, 200, 200),
    "learners:cohort_import": (302, 404, 404, 200, 404, 200, 200),
    "learners:cohort_import_confirm": (302, 404, 404, 302, 404, 302, 302),  # empty: to the form
    "learners:set_password": PUBLIC,
    "learners:after_login": NO_ONE,  # to log in, or on to the dashboard in one's language
    "switch_language": NO_ONE,  # back to where one was, in the language chosen
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,  # a token nobody was sent: "this link is not valid"
    "password_reset_complete": PUBLIC,
    "accounts:two_factor_setup": (302, 404, 404, 200, 200, 200, 200),  # staff only
    "accounts:two_factor_verify": NO_ONE,  # no device enrolled yet: on to set one up  # a link nobody was sent: "this link is not valid"
    "certificates:pdf": PUBLIC,  # whoever holds the code, like the verification page
    "certificates:cohort_zip": (302, 404, 404, 200, 404, 200, 200),
    "reports:cohort_report": (302, 404, 404, 200, 404, 200, 200),
    "reports:report_export": (302, 404, 404, 200, 404, 200, 200),
    "reports:transcript": (302, 404, 404, 200, 404, 200, 200),
    "reports:transcript_export": (302, 404, 404, 200, 404, 200, 200),
    "reports:quiz_results": (302, 404, 404, 200, 404, 200, 200),
    "reports:export_download": (302, 404, 404, 200, 404, 404, 404),  # its requester only
    "quizzes_admin:marking": STAFF,  # each sees the answers of their own learners
    "quizzes_admin:mark": (302, 302, 302, 200, 404, 200, 200),
    "quizzes_admin:statistics_index": STAFF,
    "quizzes_admin:statistics": STAFF,  # the other trainer's cohort takes the course too
    "quizzes_admin:review_queue": STAFF,
    # Previewing a quiz is authoring (no learner's data): whoever may edit the page.
    "quizzes:preview": (302, 404, 404, 200, 200, 200, 200),
    # Sending a translation to review: whoever may edit the translated page.
    "courses_submit_translation": STAFF,
    # Bringing a change of the English page to its translations: whoever may translate.
    "courses_update_translations": STAFF,
    # The question bank belongs to every author.
    **snippet_rows("quizzes_questioncategory", views=STAFF, choosers=STAFF),
    **snippet_rows("quizzes_bankquestion", views=STAFF, choosers=STAFF),
    "wagtailsnippets_quizzes_bankquestion:reorder": (302, 302, 302, 405, 405, 405, 405),
    # Learner records in the admin: administrators only, choosers included.
    **snippet_rows("learners_cohort", views=ADMINISTRATORS, choosers=ADMINISTRATORS),
    **snippet_rows("learners_courselead", views=ADMINISTRATORS, choosers=ADMINISTRATORS),
    **snippet_rows("certificates_certificate", views=ADMINISTRATORS, choosers=ADMINISTRATORS),
    # Certificates are issued by completing a course, never created, copied or deleted.
    "wagtailsnippets_certificates_certificate:add": NO_ONE,
    "wagtailsnippets_certificates_certificate:copy": NO_ONE,
    "wagtailsnippets_certificates_certificate:delete": NO_ONE,
    "wagtailsnippets_certificates_certificate:inspect": ADMINISTRATORS,
    "wagtailsnippetchoosers_certificates_certificate:create": NO_ONE,
}


def test_every_project_url_has_a_row():
    discovered = set(project_routes())
    assert discovered - set(MATRIX) == set(), "URLs without a row in the matrix"
    assert set(MATRIX) - discovered == set(), "rows for URLs that no longer exist"


def test_each_role_gets_the_status_the_matrix_says(client):
    world = build_world()
    wrong = []
    for name, route in sorted(project_routes().items()):
        url = world.url(route)
        for role, expected in zip(ROLES, MATRIX[name], strict=True):
            # Each request in a savepoint rolled back: a POST changes nothing for the next.
            with transaction.atomic():
                client.logout()
                if world.users[role] is not None:
                    client.force_login(world.users[role])
                response = client.post(url) if name in POST_ONLY else client.get(url)
                transaction.set_rollback(True)
            if response.status_code != expected:
                wrong.append(f"{name} as {role}: {response.status_code}, expected {expected}")
    assert wrong == []

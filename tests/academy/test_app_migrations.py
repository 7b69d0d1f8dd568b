"""The apps' migrations stand on their own: none needs the project package's migrations.

The project package (`academy`) builds on the apps, never the other way round, in its
migrations as in its code. The roles' permissions on an app's models are granted by that
app's own data migration through `courses.roles.grant`, which makes a role it names if
the project's migration has not made it yet.
"""

import inspect

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

import pytest

from courses.roles import ADMINISTRATORS, grant

APPS = ["accounts", "certificates", "courses", "learners", "quizzes", "reports"]


def test_no_app_migration_depends_on_the_project_packages_migrations():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaning_on_academy = sorted(
        (f"{app}.{name}", f"{parent[0]}.{parent[1]}")
        for (app, name), node in graph.nodes.items()
        if app in APPS
        for parent in node.dependencies
        if parent[0] == "academy"
    )
    assert leaning_on_academy == []


def test_no_app_migration_imports_the_project_package():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    importing_academy = sorted(
        f"{app}.{name}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in APPS
        and any(
            line.startswith(("from academy", "import academy"))
            for line in inspect.getsource(inspect.getmodule(migration)).splitlines()
        )
    )
    assert importing_academy == []


@pytest.mark.django_db
def test_an_apps_migration_makes_a_missing_role_and_grants_it_the_apps_permissions():
    Group.objects.filter(name=ADMINISTRATORS).delete()
    migration_apps = MigrationLoader(connection).project_state().apps

    grant(migration_apps, "certificates", {ADMINISTRATORS: ["view_certificate"]})

    administrators = Group.objects.get(name=ADMINISTRATORS)
    assert list(administrators.permissions.values_list("content_type__app_label", "codename")) == [
        ("certificates", "view_certificate")
    ]


@pytest.mark.django_db
def test_the_apps_migrations_gave_the_roles_their_permissions():
    def codenames(role, app_label):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label=app_label)
            .values_list("codename", flat=True)
        )

    assert {"add_question", "view_bankquestion"} <= codenames("Trainers", "quizzes")
    assert "add_questioncategory" in codenames("Course leads", "quizzes")
    assert {"view_certificate", "change_certificate"} <= codenames(ADMINISTRATORS, "certificates")
    assert "view_response" in codenames(ADMINISTRATORS, "quizzes")
    assert "submit_translation" in codenames("Trainers", "wagtail_localize")

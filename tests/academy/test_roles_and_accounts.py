"""Roles exist from the first migration; demo accounts are made without a fixed password."""

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Workflow

import pytest

from courses.models import CourseIndexPage
from learners.models import Cohort

pytestmark = pytest.mark.django_db


def test_the_four_roles_are_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Learners", "Trainers", "Course leads", "Administrators"} <= names


def test_trainers_author_but_only_course_leads_publish():
    catalog = CourseIndexPage.objects.get()

    def codenames(group):
        return set(
            GroupPagePermission.objects.filter(group__name=group, page=catalog).values_list(
                "permission__codename", flat=True
            )
        )

    assert {"add_page", "change_page"} <= codenames("Trainers")
    assert "publish_page" not in codenames("Trainers")
    assert "publish_page" in codenames("Course leads")


def test_course_pages_go_through_course_lead_approval():
    catalog = CourseIndexPage.objects.get()
    workflow = catalog.get_workflow()
    assert isinstance(workflow, Workflow)
    assert workflow.name == "Course review"
    [task] = workflow.tasks.all()
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Course leads"]


def test_demo_accounts_use_the_given_password(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")

    call_command("create_demo_accounts")

    for username in ["trainer", "lead", "officer1", "officer2", "admin"]:
        assert authenticate(username=username, password="a-demo-password-for-tests"), username
    assert "a-demo-password-for-tests" not in capsys.readouterr().out
    officer1_cohorts = set(
        Cohort.objects.filter(learners__username="officer1").values_list("name", flat=True)
    )
    officer2_cohorts = set(
        Cohort.objects.filter(learners__username="officer2").values_list("name", flat=True)
    )
    assert officer1_cohorts and officer2_cohorts and officer1_cohorts.isdisjoint(officer2_cohorts)


def test_demo_accounts_get_a_generated_password_otherwise(monkeypatch, capsys):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    call_command("create_demo_accounts")

    output = capsys.readouterr().out
    password = output.split("password: ")[1].strip()
    assert len(password) >= 12
    assert authenticate(username="officer1", password=password)

    call_command("create_demo_accounts")
    second = capsys.readouterr().out.split("password: ")[1].strip()
    assert second != password

"""Create the site's home page and catalog, the roles, and the course moderation workflow.

Roles are Wagtail groups: Learners take courses; Trainers author pages but cannot publish;
Course leads approve and publish; Administrators may do everything.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
LEAD_PAGE_PERMISSIONS = [*TRAINER_PAGE_PERMISSIONS, "publish_page", "bulk_delete_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "choose_document"]),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def create_tree_and_roles(apps, schema_editor):
    # Permissions are normally made after migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    HomePage = apps.get_model("academy.HomePage")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    locale, _ = Locale.objects.get_or_create(language_code="en")
    # Wagtail's own first migration leaves a plain welcome page at the root; ours replaces it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    Site.objects.all().delete()
    root = Page.objects.get(depth=1)

    home = HomePage.objects.create(
        title="Cooperation Academy",
        draft_title="Cooperation Academy",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        path=root.path + "0001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro="<p>Training for officers who work across borders against transnational crime.</p>",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    catalog = CourseIndexPage.objects.create(
        title="Courses",
        draft_title="Courses",
        slug="courses",
        content_type=ContentType.objects.get_for_model(CourseIndexPage),
        path=home.path + "0001",
        depth=3,
        numchild=0,
        url_path="/home/courses/",
        locale=locale,
        intro="Courses on international cooperation against transnational crime.",
    )
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Cooperation Academy",
        root_page_id=home.pk,
        is_default_site=True,
    )

    admin_access = _permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {}
    for name in ["Learners", "Trainers", "Course leads", "Administrators"]:
        groups[name], _ = Group.objects.get_or_create(name=name)

    root_collection = Collection.objects.get(depth=1)
    for name, page_codenames in [
        ("Trainers", TRAINER_PAGE_PERMISSIONS),
        ("Course leads", LEAD_PAGE_PERMISSIONS),
    ]:
        group = groups[name]
        group.permissions.add(admin_access)
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=catalog.pk,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codenames in MEDIA_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )

    administrators = groups["Administrators"]
    administrators.permissions.add(admin_access)
    for codename in [*LEAD_PAGE_PERMISSIONS, "delete_page"]:
        GroupPagePermission.objects.get_or_create(
            group=administrators,
            page_id=root.pk,
            permission=_permission(apps, "wagtailcore", "page", codename),
        )
    for app_label, model in [
        ("auth", "user"),
        ("auth", "group"),
        ("learners", "cohort"),
        ("learners", "learnerprofile"),
        ("wagtailcore", "site"),
        ("wagtailcore", "workflow"),
        ("wagtailcore", "task"),
        ("wagtailcore", "locale"),
    ]:
        for action in ["add", "change", "delete", "view"]:
            administrators.permissions.add(
                _permission(apps, app_label, model, f"{action}_{model}")
            )

    task = GroupApprovalTask.objects.create(
        name="Course lead approval",
        content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        active=True,
    )
    task.groups.set([groups["Course leads"]])
    workflow = Workflow.objects.create(name="Course review", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # The home page is nearer to every course page than the root's default workflow.
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0001_initial"),
        ("courses", "0001_initial"),
        ("learners", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_tree_and_roles, migrations.RunPython.noop)]

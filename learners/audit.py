"""The record of cohort membership, in Wagtail's audit log.

Who is in a cohort decides which trainer sees whose records, so every change of its
learners or trainers, through the admin or the model API (`cohort.learners.add(...)`,
`user.cohorts.remove(...)`), is a `ModelLogEntry` on the cohort: who changed it (the
acting user of Wagtail's log context), when, the members before and after. It shows in
the cohort's history in the admin and in the site history.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log

from learners.models import Cohort

MEMBERS = "academy.cohort.members"
FIELDS = {Cohort.learners.through: "learners", Cohort.trainers.through: "trainers"}


def _usernames(user_ids):
    return sorted(
        get_user_model().objects.filter(pk__in=user_ids).values_list("username", flat=True)
    )


def record_members(cohort, field, *, added=(), removed=(), before=None):
    """Log the change of `cohort`'s `field` ("learners" or "trainers") now made."""
    after_ids = set(getattr(cohort, field).values_list("pk", flat=True))
    before_ids = set(before) if before is not None else (after_ids - set(added)) | set(removed)
    return log(
        instance=cohort,
        action=MEMBERS,
        content_changed=True,
        data={
            "field": field,
            "added": _usernames(set(added)),
            "removed": _usernames(set(removed)),
            "before": _usernames(before_ids),
            "after": _usernames(after_ids),
        },
    )


@receiver(m2m_changed, sender=Cohort.learners.through)
@receiver(m2m_changed, sender=Cohort.trainers.through)
def cohort_members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    field = FIELDS[sender]
    if not reverse:  # cohort.learners.add(user, ...)
        cohorts, user_ids = [instance], pk_set
    else:  # user.cohorts.add(cohort, ...)
        cohorts = list(Cohort.objects.filter(pk__in=pk_set or ())) if pk_set else []
        user_ids = {instance.pk}
    if action == "pre_clear":
        if reverse:
            related = "cohorts" if field == "learners" else "trained_cohorts"
            instance._cohorts_cleared = list(getattr(instance, related).all())
        else:
            instance._members_cleared = set(getattr(instance, field).values_list("pk", flat=True))
        return
    if action == "post_clear":
        if reverse:
            for cohort in getattr(instance, "_cohorts_cleared", []):
                record_members(cohort, field, removed={instance.pk})
        else:
            before = getattr(instance, "_members_cleared", set())
            record_members(instance, field, removed=before, before=before)
        return
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    for cohort in cohorts:
        if action == "post_add":
            record_members(cohort, field, added=user_ids)
        else:
            record_members(cohort, field, removed=user_ids)


class MembersFormatter(LogFormatter):
    label = _("Change a cohort's members")

    def format_message(self, log_entry):
        data = log_entry.data
        field = _("trainers") if data.get("field") == "trainers" else _("learners")
        return _("%(field)s: added %(added)s; removed %(removed)s") % {
            "field": field,
            "added": ", ".join(data.get("added", [])) or "–",
            "removed": ", ".join(data.get("removed", [])) or "–",
        }


def register_actions(actions):
    actions.register_action(MEMBERS)(MembersFormatter)

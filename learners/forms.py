import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from learners.models import Assignment, Cohort, LearnerProfile


def time_zone_choices():
    return [("", _("The academy's time zone"))] + [
        (zone, zone) for zone in sorted(zoneinfo.available_timezones())
    ]


class LearnerProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=time_zone_choices,
        required=False,
        help_text=_("Dates and deadlines are shown in it."),
    )

    class Meta:
        model = LearnerProfile
        fields = [
            "agency",
            "country",
            "rank",
            "preferred_language",
            "time_zone",
            "reminders_enabled",
        ]


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["course", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


AssignmentFormSet = forms.inlineformset_factory(
    Cohort, Assignment, form=AssignmentForm, extra=1, can_delete=True
)

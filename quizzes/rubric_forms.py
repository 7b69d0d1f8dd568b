"""The marking form of an essay with a rubric: one level per criterion, and a comment."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.forms import MarkingForm
from quizzes.rubrics import level_key


def criterion_field_name(index):
    return f"criterion-{index}"


class RubricMarkingForm(forms.Form):
    """Collects the level picked for each criterion; `quizzes.rubrics` computes the mark."""

    comment = forms.CharField(
        label=gettext_lazy("Comment for the learner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    reason = MarkingForm.base_fields["reason"]

    def __init__(self, *args, version, remark=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        comment = self.fields.pop("comment")
        reason = self.fields.pop("reason")
        for index, criterion in enumerate(version.rubric):
            self.fields[criterion_field_name(index)] = forms.CharField(
                label=criterion["criterion"],
                required=False,
                widget=forms.RadioSelect(
                    choices=[
                        (
                            level_key(version.pk, index, place),
                            _("%(points)s points: %(description)s")
                            % {"points": level["points"], "description": level["description"]},
                        )
                        for place, level in enumerate(criterion["levels"])
                    ]
                ),
            )
        self.fields["comment"] = comment
        self.fields["reason"] = reason
        if remark:
            reason.required = True
            reason.label = _("Why do you change the mark?")

    @staticmethod
    def initial_for(response):
        """The levels given last time, when a marked answer is marked again."""
        return {
            criterion_field_name(index): level_key(response.version_id, index, place)
            for index, place in enumerate(response.rubric_levels)
        } | {"comment": response.marker_comment}

    def clean(self):
        cleaned_data = super().clean()
        picks = {}
        for index in range(len(self.version.rubric)):
            name = criterion_field_name(index)
            if self.is_bound and len(self.data.getlist(name)) > 1:
                self.add_error(name, _("Choose one level only."))
            picks[index] = cleaned_data.get(name, "")
        cleaned_data["picks"] = picks
        return cleaned_data

    def add_rubric_errors(self, error):
        for index, message in error.errors.items():
            name = criterion_field_name(index)
            self.add_error(name if name in self.fields else None, message)

from django import forms

from learners.models import LearnerProfile


class LearnerProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["agency", "country", "rank", "preferred_language"]

"""Editor forms: a question is checked together with its nested choices before saving."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from quizzes import kinds


def _is_removed(formset, form):
    form.is_valid()  # the page form is cleaned before its formsets: clean this one now
    if formset.can_delete and formset._should_delete_form(form):
        return True
    # An extra form the editor never filled in.
    return form.instance.pk is None and not form.has_changed()


def check_choices(question_form):
    """Add an error to `question_form` if its choices do not fit its question type."""
    if not question_form.is_valid() and "kind" in question_form.errors:
        return
    kind = question_form.cleaned_data.get("kind")
    formset = question_form.formsets["choices"]
    rows = []
    for choice_form in formset.forms:
        if _is_removed(formset, choice_form):
            continue
        if not choice_form.is_valid():
            return  # its own errors are shown next to it
        data = choice_form.cleaned_data
        rows.append(
            (data.get("text", ""), data.get("is_correct", False), data.get("match_text", ""))
        )
    for message in kinds.get(kind).choice_errors(rows):
        question_form.add_error("kind", message)


class QuestionForm(WagtailAdminModelForm):
    """The form of a question-bank question edited on its own (a snippet)."""

    def clean(self):
        cleaned_data = super().clean()
        check_choices(self)
        return cleaned_data


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("questions")
        if formset is not None:
            for question_form in formset.forms:
                if not _is_removed(formset, question_form):
                    check_choices(question_form)
        return cleaned_data

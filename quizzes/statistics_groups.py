"""A question and its translations are one question in the statistics.

Each version belongs to one language (its question's). `QuestionGroup` puts the versions of
one question identity (translation key) together, with the facility over all languages and
per language: a language whose learners do much worse than the others points at a bad
translation.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass
class LanguageFigures:
    language: str
    responses: int
    facility: float | None

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)


@dataclass
class QuestionGroup:
    """One question in every language it was answered in: its versions' figures together."""

    versions: list  # QuestionStatistics, in the order of the quiz's statistics

    @property
    def responses(self):
        return sum(stat.responses for stat in self.versions)

    @property
    def facility(self):
        return _weighted_facility(self.versions)

    @property
    def languages(self):
        by_language = {}
        for stat in self.versions:
            by_language.setdefault(stat.language, []).append(stat)
        return [
            LanguageFigures(
                language=language,
                responses=sum(stat.responses for stat in stats),
                facility=_weighted_facility(stats),
            )
            for language, stats in by_language.items()
        ]


def _weighted_facility(stats):
    """The facility over several versions' responses (they have the same maximum mark)."""
    known = [stat for stat in stats if stat.facility is not None]
    total = sum(stat.responses for stat in known)
    if not total:
        return None
    return sum(stat.facility * stat.responses for stat in known) / total


def group_questions(questions):
    groups = {}
    for stat in questions:
        groups.setdefault(stat.identity, QuestionGroup(versions=[])).versions.append(stat)
    return list(groups.values())

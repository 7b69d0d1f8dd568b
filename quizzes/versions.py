"""Freezing questions into versions: what an attempt is pinned to.

A question's canonical content (its gradeable content as plain data, without keys) is
fingerprinted; an attempt is given the version with that fingerprint, created the first time
the content is seen. Editing a question therefore makes a new version for later attempts,
and past attempts keep theirs.
"""

import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction

from quizzes import kinds
from quizzes.content import data_from_content
from quizzes.models.versions import QuestionVersion, VersionChoice

WEIGHT_STEP = Decimal("0.01")


def canonical_content(question):
    """The gradeable content of a `Question` (saved or in memory) as a plain mapping."""
    kind = kinds.get(question.kind)
    return {
        "kind": question.kind,
        "prompt": question.prompt,
        "weight": str(Decimal(question.weight).quantize(WEIGHT_STEP)),
        "explanation": question.explanation,
        "source_reference": question.source_reference,
        "accepted_answers": [],
        "numeric_answer": None,
        "tolerance": "0",
        "essay_guidance": "",
        **kind.canonical_fields(question),
        "choices": kind.canonical_choices(question),
    }


def content_fingerprint(content):
    """A stable digest of a question's gradeable content (a JSON-serialisable mapping)."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def data_from_question(question):
    """`QuestionData` of a live question (choice keys are positions 1, 2, ...)."""
    return data_from_content(canonical_content(question))


def freeze(questions):
    """The current `QuestionVersion` of each question, created where the content is new.

    Returns {question pk: version with its choices}; a fixed number of queries.
    """
    contents = {question.pk: canonical_content(question) for question in questions}
    prints = {pk: content_fingerprint(content) for pk, content in contents.items()}
    for _try in range(2):
        known = {}
        latest = defaultdict(int)
        for pk, question_id, fingerprint, number in QuestionVersion.objects.filter(
            question_id__in=contents
        ).values_list("pk", "question_id", "fingerprint", "number"):
            latest[question_id] = max(latest[question_id], number)
            if prints[question_id] == fingerprint:
                known[question_id] = pk
        missing = [pk for pk in contents if pk not in known]
        if not missing:
            break
        try:
            with transaction.atomic():
                _create_versions(missing, contents, prints, latest)
        except IntegrityError:  # another attempt froze the same content at the same time
            continue
    versions = QuestionVersion.objects.filter(pk__in=known.values()).prefetch_related("choices")
    by_pk = {version.pk: version for version in versions}
    return {question_id: by_pk[version_pk] for question_id, version_pk in known.items()}


def _create_versions(question_ids, contents, prints, latest):
    versions = QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(
                question_id=pk,
                number=latest[pk] + 1,
                fingerprint=prints[pk],
                kind=contents[pk]["kind"],
                prompt=contents[pk]["prompt"],
                weight=Decimal(contents[pk]["weight"]),
                explanation=contents[pk]["explanation"],
                source_reference=contents[pk]["source_reference"],
                accepted_answers=contents[pk]["accepted_answers"],
                numeric_answer=contents[pk]["numeric_answer"],
                tolerance=Decimal(contents[pk]["tolerance"]),
                essay_guidance=contents[pk]["essay_guidance"],
                rubric=contents[pk].get("rubric", []),
                model_answer=contents[pk].get("model_answer", ""),
            )
            for pk in question_ids
        ]
    )
    VersionChoice.objects.bulk_create(
        [
            VersionChoice(
                version=version,
                position=position,
                text=text,
                is_correct=is_correct,
                feedback=feedback,
                match_text=match_text,
            )
            for version in versions
            for position, (text, is_correct, feedback, match_text) in enumerate(
                contents[version.question_id]["choices"], start=1
            )
        ]
    )

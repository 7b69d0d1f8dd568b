"""The life cycle of an attempt: start → in progress (saved) → submitted → graded.

Every change happens in a transaction that first locks the learner's `QuizGrade` row, then
the attempt's row, always in that order, so concurrent requests of one learner (a double
click, a second tab, a trainer marking an essay meanwhile) queue up instead of racing, and
no two of them take locks the other way round. The database constraints on `Attempt` and
`Response` catch whatever slips past.

Deadlines are enforced here, on the server, whenever an attempt is next touched: an attempt
past its time limit is submitted with what was saved (or, with a grace period, can still be
submitted unchanged until the grace period ends, and is abandoned after it).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import LogContext

from courses.progress import record_completion, revoke_completion
from quizzes import audit
from quizzes.content import canonical_content, data_from_version
from quizzes.grading import mark_for, percent_of
from quizzes.models import (
    Attempt,
    AttemptState,
    GradingMethod,
    Question,
    QuestionVersion,
    QuizGrade,
    Response,
    ResponseChoice,
    VersionChoice,
)
from quizzes.models.questions import content_fingerprint
from quizzes.paper import display_order, load_paper, new_rng, selection_rows


class QuizUnavailable(Exception):
    """The learner cannot start an attempt now; `message` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Locks.


def lock_learner(quiz_id, user_id):
    """Lock (creating if needed) the learner's grade row for the quiz."""
    try:
        with transaction.atomic():
            grade, _created = QuizGrade.objects.get_or_create(quiz_id=quiz_id, user_id=user_id)
    except IntegrityError:  # a simultaneous request created it first
        grade = QuizGrade.objects.get(quiz_id=quiz_id, user_id=user_id)
    return QuizGrade.objects.select_for_update().get(pk=grade.pk)


def lock_attempt(attempt_id, **filters):
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "user")
        .get(pk=attempt_id, **filters)
    )


# Building a paper.


def draw_from_banks(rules, taken, rng):
    """Questions drawn at random for `rules` (QuizDrawRules), none of those in `taken`."""
    rules = list(rules)
    if not rules:
        return []
    taken = set(taken)
    pool = defaultdict(list)
    rows = (
        Question.objects.filter(category_id__in={rule.category_id for rule in rules})
        .filter(Q(quiz__isnull=True) | Q(quiz__live=True))
        .exclude(pk__in=taken)
        .order_by("pk")
        .values_list("pk", "category_id")
    )
    for pk, category_id in rows:
        pool[category_id].append(pk)
    picks = []
    for rule in rules:
        available = [pk for pk in pool[rule.category_id] if pk not in taken]
        chosen = rng.sample(available, min(rule.count, len(available)))
        taken.update(chosen)
        picks.extend(chosen)
    drawn = Question.objects.filter(pk__in=picks).prefetch_related("choices").in_bulk()
    return [drawn[pk] for pk in picks if pk in drawn]


def compose_questions(quiz, rng):
    """The quiz's own questions, then those drawn at random from its bank categories."""
    own = list(Question.objects.filter(quiz=quiz).prefetch_related("choices"))
    return own + draw_from_banks(quiz.draw_rules.all(), {q.pk for q in own}, rng)


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


# Starting.


def start_attempt(user, quiz, *, now=None):
    """Start an attempt, or return the one in progress. Returns (attempt, created).

    Raises QuizUnavailable when the quiz is not open, has no questions, or the learner has
    used every attempt allowed.
    """
    now = now or timezone.now()
    if quiz.opens_at and now < quiz.opens_at:
        raise QuizUnavailable(_("This quiz is not open yet."))
    if quiz.is_closed(now):
        raise QuizUnavailable(_("This quiz is closed."))
    with transaction.atomic():
        lock_learner(quiz.pk, user.pk)
        current = Attempt.objects.filter(
            quiz=quiz, user=user, state=AttemptState.IN_PROGRESS
        ).first()
        if current is not None:
            current = _close_if_overdue_locked(lock_attempt(current.pk), now)
            if current.is_open:
                return current, False
        counts = Attempt.objects.filter(quiz=quiz, user=user).aggregate(
            used=Max("number"), n=Count("pk")
        )
        if quiz.attempts_allowed and counts["n"] >= quiz.attempts_allowed:
            raise QuizUnavailable(_("You have used every attempt this quiz allows."))
        rng = new_rng()
        questions = compose_questions(quiz, rng)
        if not questions:
            raise QuizUnavailable(_("This quiz has no questions yet."))
        versions = freeze(questions)
        deadline = quiz.deadline_for(now)
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz,
                    user=user,
                    number=(counts["used"] or 0) + 1,
                    started_at=now,
                    deadline=deadline,
                    grace_ends_at=quiz.grace_end_for(deadline),
                    max_score=sum(versions[q.pk].weight for q in questions),
                )
        except IntegrityError:  # the constraints caught a concurrent start the lock did not
            current = Attempt.objects.filter(
                quiz=quiz, user=user, state=AttemptState.IN_PROGRESS
            ).first()
            if current is None:
                raise QuizUnavailable(
                    _("Another attempt was started at the same moment. Open the quiz again.")
                ) from None
            return current, False
        positions = list(range(1, len(questions) + 1))
        if quiz.shuffle_questions:
            rng.shuffle(positions)
        Response.objects.bulk_create(
            [
                Response(
                    attempt=attempt,
                    slot=slot,
                    position=position,
                    version=versions[question.pk],
                    max_mark=versions[question.pk].weight,
                    display_order=display_order(
                        data_from_version(versions[question.pk]),
                        shuffle_choices=quiz.shuffle_choices,
                        rng=rng,
                    ),
                )
                for slot, (question, position) in enumerate(
                    zip(questions, positions, strict=True), start=1
                )
            ]
        )
    return attempt, True


# Deadlines.


def is_overdue(attempt, now):
    return attempt.deadline is not None and now > attempt.deadline


def in_grace_period(attempt, now):
    return (
        is_overdue(attempt, now)
        and attempt.grace_ends_at is not None
        and now <= attempt.grace_ends_at
    )


def close_if_overdue(attempt, now=None):
    """Submit (or abandon) an attempt whose time is up; returns the attempt as it now is."""
    now = now or timezone.now()
    if not attempt.is_open or not is_overdue(attempt, now) or in_grace_period(attempt, now):
        return attempt
    with transaction.atomic():
        lock_learner(attempt.quiz_id, attempt.user_id)
        return _close_if_overdue_locked(lock_attempt(attempt.pk), now)


def _close_if_overdue_locked(attempt, now):
    if not attempt.is_open or not is_overdue(attempt, now) or in_grace_period(attempt, now):
        return attempt
    if attempt.grace_ends_at is not None:
        attempt.state = AttemptState.ABANDONED
        attempt.save(update_fields=["state"])
        return attempt
    finish_attempt(attempt, load_paper(attempt), attempt.deadline, automatically=True)
    return attempt


# Saving and submitting.


@dataclass
class Outcome:
    """What became of a posted quiz form."""

    SAVED = "saved"
    FINISHED = "finished"
    INVALID = "invalid"
    STALE = "stale"
    CLOSED = "closed"  # the attempt was already submitted (a double click, an old tab)
    TIME_UP = "time_up"

    status: str
    attempt: Attempt
    items: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    raw_texts: dict = field(default_factory=dict)


def save_answers(attempt, items, answers, now):
    """Store the answers that differ from the saved ones. Returns True if any did."""
    changed = [
        item for item in items if item.position in answers and answers[item.position] != item.answer
    ]
    if not changed:
        return False
    for item in changed:
        item.answer = answers[item.position]
        item.response.text = item.answer.text
        item.response.answered = not item.answer.is_blank
    Response.objects.bulk_update([item.response for item in changed], ["text", "answered"])
    ResponseChoice.objects.filter(response__in=[item.response.pk for item in changed]).delete()
    ResponseChoice.objects.bulk_create(
        [
            ResponseChoice(
                response=item.response, choice_id=key, position=position, matched_id=matched
            )
            for item in changed
            for key, position, matched in selection_rows(item.question.kind, item.answer)
        ]
    )
    attempt.saved_version += 1
    attempt.last_saved_at = now
    attempt.save(update_fields=["saved_version", "last_saved_at"])
    return True


def post_answers(attempt, data, *, finish, now=None):
    """Save (and with `finish`, submit) the answers a learner posted for their attempt.

    `data` is the posted form; its `saved_version` must match the attempt's, or the form
    is stale (another tab saved meanwhile) and nothing is stored.
    """
    from quizzes.forms import parse_answers

    now = now or timezone.now()
    with transaction.atomic():
        grade = lock_learner(attempt.quiz_id, attempt.user_id)
        attempt = lock_attempt(attempt.pk)
        if not attempt.is_open:
            return Outcome(Outcome.CLOSED, attempt)
        if is_overdue(attempt, now):
            if in_grace_period(attempt, now) and finish:
                # Answers can no longer change: submit what was saved before the deadline.
                finish_attempt(attempt, load_paper(attempt), now, grade=grade)
                return Outcome(Outcome.FINISHED, attempt)
            _close_if_overdue_locked(attempt, now)
            return Outcome(Outcome.TIME_UP, attempt)
        if data.get("saved_version") != str(attempt.saved_version):
            return Outcome(Outcome.STALE, attempt)
        items = load_paper(attempt)
        parsed = parse_answers(items, data)
        save_answers(attempt, items, parsed.answers, now)
        if parsed.errors:
            return Outcome(Outcome.INVALID, attempt, items, parsed.errors, parsed.raw_texts)
        if finish:
            finish_attempt(attempt, items, now, grade=grade)
            return Outcome(Outcome.FINISHED, attempt, items)
        return Outcome(Outcome.SAVED, attempt, items)


def finish_attempt(attempt, items, submitted_at, *, automatically=False, grade=None):
    """Grade what can be graded; the attempt is then graded or awaiting marking."""
    for item in items:
        item.mark = mark_for(item.question, item.answer)
        item.response.mark = item.mark
    Response.objects.bulk_update([item.response for item in items], ["mark"])
    attempt.submitted_at = submitted_at
    attempt.submitted_automatically = automatically
    _score(attempt, [item.mark for item in items], submitted_at)
    attempt.save()
    refresh_grade(attempt.quiz, attempt.user, grade)


def _score(attempt, marks, now):
    attempt.score = sum((mark for mark in marks if mark is not None), Decimal(0))
    if any(mark is None for mark in marks):
        attempt.state = AttemptState.AWAITING_MARKING
        attempt.percent = None
        attempt.passed = None
        attempt.graded_at = None
    else:
        attempt.state = AttemptState.GRADED
        attempt.percent = percent_of(attempt.score, attempt.max_score)
        attempt.passed = attempt.percent >= attempt.quiz.pass_mark
        attempt.graded_at = now


def grade_of(method, percents):
    """The learner's grade from the percents of their graded attempts, oldest first."""
    if not percents:
        return None
    if method == GradingMethod.HIGHEST:
        return max(percents)
    if method == GradingMethod.FIRST:
        return percents[0]
    if method == GradingMethod.LAST:
        return percents[-1]
    return percent_of(sum(percents), len(percents) * 100)


def refresh_grade(quiz, user, grade=None):
    """Recompute the learner's grade and report a pass (or a lost pass) to course progress.

    The caller holds the lock on the grade row (and may pass it in as `grade`).
    """
    grade = grade or QuizGrade.objects.get(quiz=quiz, user=user)
    percents = list(
        Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.GRADED)
        .order_by("number")
        .values_list("percent", flat=True)
    )
    was_passed = grade.passed
    grade.percent = grade_of(quiz.grading_method, percents)
    grade.passed = grade.percent is not None and grade.percent >= quiz.pass_mark
    grade.save(update_fields=["percent", "passed", "updated_at"])
    if grade.passed:
        record_completion(user, quiz)
    elif was_passed:
        revoke_completion(user, quiz)
    return grade


# Marking.


class MarkingError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def mark_response(response, *, mark, comment, marker, reason="", now=None):
    """Record a trainer's mark for an essay answer and regrade the attempt.

    A re-mark needs a reason; every mark goes on the record (`quizzes.audit`), and so do
    the completion and certificate it takes back or restores, under the marker's name.
    """
    now = now or timezone.now()
    with transaction.atomic(), LogContext(user=marker):
        grade = lock_learner(response.attempt.quiz_id, response.attempt.user_id)
        attempt = lock_attempt(response.attempt_id)
        if not attempt.is_finished:
            raise MarkingError(_("This attempt has not been submitted."))
        if not Decimal(0) <= mark <= response.max_mark:
            raise MarkingError(_("Give a mark from 0 to %(max)s.") % {"max": response.max_mark})
        # Audit: read the mark as it stands under the lock, then log it with the new one.
        current = Response.objects.select_related(
            "marked_by", "attempt__user", "attempt__quiz"
        ).get(pk=response.pk)
        before = audit.state_of(current)
        if before.is_marked and not reason.strip():
            raise MarkingError(_("Say why you change the mark: it goes on the record."))
        Response.objects.filter(pk=response.pk).update(
            mark=mark, marker_comment=comment, marked_by=marker, marked_at=now
        )
        audit.record_mark(
            current, before=before, mark=mark, comment=comment, reason=reason.strip(), marker=marker
        )
        marks = list(attempt.responses.values_list("mark", flat=True))
        _score(attempt, marks, now)
        attempt.save()
        refresh_grade(attempt.quiz, attempt.user, grade)
    return attempt


# What the quiz page shows a learner.


@dataclass
class QuizOverview:
    attempts: list
    open_attempt: Attempt | None
    grade: QuizGrade | None
    attempts_left: int | None  # None: unlimited
    unavailable: str  # why no attempt can start now, or ""
    question_count: int
    can_preview: bool

    @property
    def can_start(self):
        return not self.unavailable and self.open_attempt is None


def quiz_overview(user, quiz, now=None):
    now = now or timezone.now()
    if not user.is_authenticated:
        return None
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    if open_attempt is not None:
        closed = close_if_overdue(open_attempt, now)
        if not closed.is_open:
            attempts[attempts.index(open_attempt)] = closed
            open_attempt = None
    grade = QuizGrade.objects.filter(quiz=quiz, user=user, percent__isnull=False).first()
    left = None
    if quiz.attempts_allowed:
        left = max(0, quiz.attempts_allowed - len(attempts))
    unavailable = ""
    if quiz.opens_at and now < quiz.opens_at:
        unavailable = _("This quiz is not open yet.")
    elif quiz.is_closed(now):
        unavailable = _("This quiz is closed.")
    elif left == 0 and open_attempt is None:
        unavailable = _("You have used every attempt this quiz allows.")
    drawn = sum(rule.count for rule in quiz.draw_rules.all())
    return QuizOverview(
        attempts=attempts,
        open_attempt=open_attempt,
        grade=grade,
        attempts_left=left,
        unavailable=unavailable,
        question_count=quiz.questions.count() + drawn,
        # Learners never edit pages: spare them the page-permission queries.
        can_preview=user.has_perm("wagtailadmin.access_admin")
        and quiz.permissions_for_user(user).can_edit(),
    )

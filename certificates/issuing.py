from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates import audit
from certificates.models import Certificate


def learner_name(user):
    return user.get_full_name().strip() or user.get_username()


def course_titles(course):
    """{language: title} of the course's live translations (one query)."""
    return dict(
        course.get_translations()
        .live()
        .filter(alias_of__isnull=True)
        .values_list("locale__language_code", "title")
    )


def issue_certificate(enrolment):
    """Issue (or reinstate) the certificate for a completed enrolment; idempotent.

    The enrolment is the English course's, wherever the learner read it: one certificate,
    with the course's title in every language it has, so it reads in the learner's.
    """
    values = {
        "learner_name": learner_name(enrolment.user),
        "course_title": enrolment.course.title,
        "course_titles": course_titles(enrolment.course),
        "issued_at": enrolment.completed_at or timezone.now(),
        "revoked_at": None,
    }
    try:
        with transaction.atomic():
            certificate, created = Certificate.objects.get_or_create(
                user=enrolment.user, course=enrolment.course, defaults=values
            )
    except IntegrityError:  # issued by a simultaneous request
        return Certificate.objects.get(user=enrolment.user, course=enrolment.course)
    if not created and not certificate.is_valid:
        revoked_before = certificate.revoked_at
        for field, value in values.items():
            setattr(certificate, field, value)
        certificate.save(update_fields=list(values))
        audit.record_change(certificate, revoked_before=revoked_before)
    return certificate


def revoke_certificate(enrolment):
    """A course that is no longer complete no longer has a valid certificate."""
    certificate = Certificate.objects.filter(
        user=enrolment.user, course=enrolment.course, revoked_at__isnull=True
    ).first()
    if certificate is None:
        return 0
    certificate.revoked_at = timezone.now()
    # Only the request that withdraws it records it, whatever races it.
    withdrawn = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=certificate.revoked_at
    )
    if withdrawn:
        audit.record_change(certificate, revoked_before=None)
    return withdrawn

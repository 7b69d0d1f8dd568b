from django.dispatch import receiver

from certificates.issuing import issue_certificate, revoke_certificate
from courses.signals import course_completed, course_reopened


@receiver(course_completed)
def certify_completion(sender, enrolment, **kwargs):
    issue_certificate(enrolment)


@receiver(course_reopened)
def withdraw_certificate(sender, enrolment, **kwargs):
    revoke_certificate(enrolment)

"""Signals other apps listen to; `courses` never needs to know who listens.

Both are sent with `sender=Enrolment` and `enrolment=` the enrolment concerned.
"""

from django.dispatch import Signal

# The learner has now done every step of the course.
course_completed = Signal()
# A completed course is no longer complete (a completion was revoked).
course_reopened = Signal()

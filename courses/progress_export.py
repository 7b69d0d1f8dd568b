"""A learner's progress in a course as JSON data (the "Download your progress" link)."""


def course_progress_data(progress):
    """`progress` (a CourseProgress) as plain data for `JsonResponse`."""
    return {
        "course": {"id": progress.course.pk, "title": progress.course.title},
        "done": progress.done,
        "total": progress.total,
        "percent": progress.percent,
        "modules": [
            {
                "id": module.page.pk,
                "title": module.page.title,
                "done": module.done,
                "total": module.total,
                "percent": module.percent,
                "steps": [
                    {"id": step.page.pk, "title": step.page.title, "done": step.done}
                    for step in module.steps
                ],
            }
            for module in progress.modules
        ],
    }


def dashboard_data(user, enrolments, request):
    """Every course `user` is enrolled in (`EnrolmentProgress` items) as plain data."""
    return {
        "user": user.get_username(),
        "courses": [
            {
                "id": item.course.pk,
                "title": item.course.title,
                "url": item.course.get_url(request),
                "enrolled_at": item.enrolment.enrolled_at.isoformat(),
                "completed_at": item.enrolment.completed_at.isoformat()
                if item.enrolment.completed_at
                else None,
                "done": item.done,
                "total": item.total,
                "percent": item.percent,
            }
            for item in enrolments
        ],
    }

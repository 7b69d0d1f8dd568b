from django import template

from learners.assignments import assigned_courses

register = template.Library()


@register.inclusion_tag("learners/includes/assigned_courses.html", takes_context=True)
def assigned_courses_block(context):
    """The dashboard's "Assigned to you" block, rendered by learners, not by courses."""
    request = context["request"]
    return {"request": request, "assigned": assigned_courses(request.user)}

"""`{% userbar %}`: Wagtail's user bar, for those who may open the admin (asked once per
role change, not on every page; see `learners.roles`)."""

from django import template

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from learners.roles import can_open_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_open_admin(user):
        return ""
    return wagtailuserbar(context, position)

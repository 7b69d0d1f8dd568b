"""Security headers: the Content-Security-Policy per part of the site, and Permissions-Policy.

The learner site runs only our own scripts and styles, from files: no inline script, no
inline event handler, no inline style (CONTENT_SECURITY_POLICY). The Wagtail admin is
Wagtail's code, which still writes inline scripts and styles (its page editor, Draftail,
the userbar's previews), so under /admin/ the looser ADMIN_CONTENT_SECURITY_POLICY applies:
the same origins, with 'unsafe-inline' for scripts and styles. Only logged-in staff reach it,
and it keeps every other restriction (no plugins, no foreign frames or forms, no framing).
"""

from django.conf import settings

from csp.middleware import CSPMiddleware


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
        if in_admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Turns off the browser features the academy never uses (camera, microphone, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

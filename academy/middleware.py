"""Response headers that tell which app server answered and, for the benchmark, at what cost."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection


class ServedByMiddleware:
    """`X-Served-By: <INSTANCE_NAME>` on every response, so a load balancer's rotation shows.

    With BENCH on it also counts the SQL queries of each request into `X-Queries`.
    """

    def __init__(self, get_response):
        if not settings.INSTANCE_NAME and not settings.BENCH:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if settings.BENCH:
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                response = self.get_response(request)
            response["X-Queries"] = str(counter.count)
        else:
            response = self.get_response(request)
        if settings.INSTANCE_NAME:
            response["X-Served-By"] = settings.INSTANCE_NAME
        return response


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

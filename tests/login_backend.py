"""The test client's `login()` authenticates without a request, which axes refuses (it
cannot count an address it does not have). Test settings use this backend so that tests may
log in the quick way; every login form still passes its request and is throttled, as the
tests of tests/academy/test_login_security.py show."""

from axes.backends import AxesBackend


class AxesBackendForTestClientLogin(AxesBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

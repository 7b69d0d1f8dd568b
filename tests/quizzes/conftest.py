"""Fixtures shared by the quiz tests: a module defines its own `quiz`, these build on it."""

import pytest

from tests.builders import enrolled_learner


@pytest.fixture
def learner(quiz):
    """An officer enrolled in the course of the module's `quiz`."""
    return enrolled_learner(quiz)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client

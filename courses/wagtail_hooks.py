from wagtail import hooks

from courses import audit


@hooks.register("register_log_actions")
def register_completion_actions(actions):
    audit.register_actions(actions)

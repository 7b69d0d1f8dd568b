from wagtail import hooks

from courses import audit, translation_review


@hooks.register("register_log_actions")
def register_completion_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return translation_review.urlpatterns


hooks.register("register_page_header_buttons", translation_review.header_buttons)
hooks.register("register_page_listing_more_buttons", translation_review.header_buttons)

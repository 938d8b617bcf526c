"""The "À revoir" page's queues: every app's, as each registered them, those the user may see."""

from core.freshness import Queue
from core.registry import site

LIMIT = 100


def visible_queues(user) -> list[Queue]:
    return [queue for queues in site.review_queues for queue in queues() if user.has_perm(queue.permission)]

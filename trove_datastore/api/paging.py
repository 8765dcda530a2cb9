"""The page a list request asks for, read from its query string."""

from trove_datastore import exception
from trove_datastore.manager import paging


def _bad_limit(raw_limit):
    return exception.BadRequest(
        "Invalid limit '%s': it must be a positive integer."
        % raw_limit[:64])


def page(query, default_limit=None, max_limit=None):
    """A Page of ``limit`` (``default_limit`` when absent or empty, capped
    at ``max_limit``) and ``marker`` from the query dict; 400 for a limit
    that is not a positive integer."""
    raw_limit = query.get('limit')
    limit = default_limit
    if raw_limit not in (None, ''):
        try:
            limit = int(raw_limit)
        except ValueError:
            raise _bad_limit(raw_limit)
        if limit < 1:
            raise _bad_limit(raw_limit)
    if limit is not None and max_limit is not None:
        limit = min(limit, max_limit)
    return paging.Page(limit, query.get('marker') or None)

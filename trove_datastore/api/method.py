"""How controller actions are exposed: JSON out, status owned here."""

import functools

from oslo_serialization import jsonutils
import pecan

from trove_datastore.conf import CONF
from trove_datastore import exception
from trove_datastore.manager import paging


JSON = 'application/json'


def expose(status=200):
    """Wrap an action: render the returned dict as JSON with ``status``.

    An action returning ``None`` answers with an empty body, as Trove does
    for its 202 and 204 responses and for one 200.
    """
    def decorator(function):
        @functools.wraps(function)
        def wrapper(self, *args, **kwargs):
            if args:
                # Path segments left over: no such resource.
                raise exception.NotFound()
            # Query parameters are read from the request by the action.
            result = function(self)
            response = pecan.response
            response.status = status
            if result is None:
                if status == 204:
                    response.content_type = None
                elif status == 200:
                    # Pecan turns an empty 200 into a 204 unless the body
                    # is a generator it cannot measure; Trove's PATCH of a
                    # configuration group answers 200 with no body.
                    response.app_iter = (chunk for chunk in (b'',))
                    return None
                return ''
            return jsonutils.dumps(result)
        return wrapper
    return decorator


def authorize(rule):
    """Decorator: check ``rule`` for the caller's project first, so that a
    caller without the right learns nothing from body validation."""
    def decorator(function):
        @functools.wraps(function)
        def wrapper(self, *args, **kwargs):
            pecan.request.context.can(rule)
            return function(self, *args, **kwargs)
        return wrapper
    return decorator


def not_found(*args, **kwargs):
    raise exception.NotFound()


def query():
    """The request's query string as a plain dict (last value wins)."""
    return dict(pecan.request.GET.items())


def page(default_limit=None, max_limit=None):
    """The limit/marker a list request asks for; limits above
    ``max_limit`` (default ``[DEFAULT] max_page_size``) are capped."""
    return paging.Page.from_query(
        query(), default_limit=default_limit,
        max_limit=max_limit or CONF.max_page_size)


def context():
    return pecan.request.context

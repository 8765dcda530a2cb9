"""How controller actions are declared and served: policy, validation,
JSON out, status owned here."""

import collections

from oslo_serialization import jsonutils
import pecan

from trove_datastore.api import paging
from trove_datastore.api import validation
from trove_datastore.conf import CONF


JSON = 'application/json'


PAGED = ('limit', 'marker')

# Set in the WSGI environ by an operation declared ``live``.
LIVE = 'trove_datastore.live'


class Operation(collections.namedtuple('Operation', [
        'method', 'path', 'rule', 'status', 'schema', 'query_schema',
        'paged', 'response', 'operation', 'summary', 'action',
        'live'])):
    """One declared operation (see :func:`operation`)."""

    __slots__ = ()

    @property
    def queries(self):
        """The query parameters it reads."""
        if self.query_schema is not None:
            return tuple(sorted(self.query_schema['properties']))
        return PAGED if self.paged else ()


def operation(http_method, path, rule, status=200, schema=None, query=None,
              paged=False, response=None, summary='', operation_id=None,
              live=False):
    """Declare that the decorated action serves ``http_method path``.

    ``path`` is relative to ``/v1.0/{project_id}``; its ``{names}`` reach
    the action as keyword arguments, after the request context. ``rule``
    is the policy rule checked first; ``schema`` the JSON Schema of the
    request body (passed as ``body``); ``query`` the JSON Schema of the
    query (passed as ``query``); ``paged`` passes ``page`` (True: the
    default page size, or the name of the option giving it); ``status``
    is the answer of a request that passes all that on an existing
    resource; ``response`` the JSON Schema of the document answered;
    ``live`` says the answer also depends on something outside the
    database (the image catalog), so it is never kept and its ETag is
    taken from the rendered body (:mod:`trove_datastore.api.etag`).
    The route table, the OpenAPI document and the policy rules'
    operations are all derived from these declarations
    (:mod:`trove_datastore.api.routes`). Stacked declarations serve one
    action on several paths.
    """
    def decorator(action):
        declared = Operation(http_method, path, rule, status, schema, query,
                             paged, response, operation_id or action.__name__,
                             summary, action, live)
        # Decorators apply bottom up: keep the order they are written in.
        action.operations = (declared,) + getattr(action, 'operations', ())
        return action
    return decorator


def serve(declared, path_values):
    """Run a declared operation for the current request: the policy rule
    first, so that a caller without the right learns nothing from
    validation; then the body and query; the action; its rendering."""
    request = pecan.request
    context = request.context
    context.can(declared.rule)
    if declared.live:
        request.environ[LIVE] = True
    arguments = dict(path_values)
    if declared.schema is not None:
        arguments['body'] = validation.parse_body(request)
        validation.validate(declared.schema, arguments['body'])
    if declared.query_schema is not None:
        arguments['query'] = query()
        validation.validate(declared.query_schema, arguments['query'])
    if declared.paged:
        arguments['page'] = _page_of(declared.paged)
    return render(declared.action(context, **arguments), declared.status)


def _page_of(paged):
    if paged is True:
        return page()
    size = CONF[paged]
    return page(default_limit=size, max_limit=size)


def render(result, status):
    """The returned dict as JSON with ``status``.

    An action returning ``None`` answers with an empty body, as Trove does
    for its 202 and 204 responses and for one 200.
    """
    response = pecan.response
    response.status = status
    if result is None:
        if status == 204:
            response.content_type = None
        elif status == 200:
            # Pecan turns an empty 200 into a 204 unless the body is a
            # generator it cannot measure; Trove's PATCH of a
            # configuration group answers 200 with no body.
            response.app_iter = (chunk for chunk in (b'',))
            return None
        return ''
    return jsonutils.dumps(result)


def query():
    """The request's query string as a plain dict (last value wins)."""
    return dict(pecan.request.GET.items())


def page(default_limit=None, max_limit=None):
    """The limit/marker a list request asks for; limits above
    ``max_limit`` (default ``[DEFAULT] max_page_size``) are capped."""
    return paging.page(
        query(), default_limit=default_limit,
        max_limit=max_limit or CONF.max_page_size)


def context():
    return pecan.request.context

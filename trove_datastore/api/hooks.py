"""Pecan hooks: the request context and error rendering."""

import pecan
import webob

from trove_datastore.api import fault
from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore import names
from trove_datastore import policy


# The longest project id a group's tenant_id column holds.
PROJECT_ID_LENGTH = 255

# Where a context built before Pecan (api/etag.py) waits for the hook.
CONTEXT = 'trove_datastore.context'


def _check_project_id(project_id):
    """Refuse a project id that no column holds or that engines compare
    differently (MariaDB pads: "projA " would be projA)."""
    if not project_id:
        return
    problem = names.unstorable(project_id) or names.problem(project_id)
    if problem is None and len(project_id) > PROJECT_ID_LENGTH:
        problem = 'is longer than %d characters' % PROJECT_ID_LENGTH
    if problem:
        raise exception.BadRequest('The project id %s.' % problem)


class ContextHook(pecan.hooks.PecanHook):
    """Builds the RequestContext with oslo.context's ``from_environ``:
    the identity headers, service token and roles, and the request and
    global request ids exactly as the middleware left them.

    The identity headers are set by keystonemiddleware or, with
    ``noauth``, by :class:`trove_datastore.api.auth.NoAuthMiddleware`; a
    client cannot forge them because either middleware overwrites them.
    """

    priority = 10

    def on_route(self, state):
        environ = state.request.environ
        ctx = environ.get(CONTEXT)
        state.request.context = ctx or request_context(environ)


def request_context(environ):
    """The caller's RequestContext (stored for this thread, so log lines
    carry this request); BadRequest for an unusable project id."""
    _check_project_id(environ.get('HTTP_X_PROJECT_ID'))
    ctx = td_context.RequestContext.from_environ(environ, overwrite=True)
    ctx.is_admin = policy.is_admin(ctx.to_policy_values())
    return ctx


class ErrorHook(pecan.hooks.PecanHook):
    """Renders what a controller raised through the one fault formatter."""

    priority = 1000

    def on_error(self, state, error):
        if isinstance(error, webob.exc.HTTPNotAcceptable):
            # The API speaks only JSON and negotiates nothing: Pecan says
            # 406 when no handler serves this path and method at all.
            error = webob.exc.HTTPNotFound()
        return fault.from_exception(error, state.request.environ)

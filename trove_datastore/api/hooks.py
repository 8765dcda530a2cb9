"""Pecan hooks: the request context and error rendering."""

import pecan

from trove_datastore.api import fault
from trove_datastore import context as td_context
from trove_datastore import policy


class ContextHook(pecan.hooks.PecanHook):
    """Builds the RequestContext from the identity headers.

    Those headers are set by keystonemiddleware or, with ``noauth``, by
    :class:`trove_datastore.api.auth.NoAuthMiddleware`; a client cannot
    forge them because either middleware overwrites them.
    """

    priority = 10

    def on_route(self, state):
        headers = state.request.headers
        roles = [r.strip() for r in headers.get('X-Roles', '').split(',')
                 if r.strip()]
        ctx = td_context.RequestContext(
            auth_token=headers.get('X-Auth-Token'),
            user_id=headers.get('X-User-Id'),
            project_id=headers.get('X-Project-Id'),
            roles=roles,
            request_id=state.request.environ.get('openstack.request_id'),
            # Stored for this thread, so log lines carry this request.
            overwrite=True)
        credentials = ctx.to_policy_values()
        ctx.is_admin = policy.is_admin(credentials)
        state.request.context = ctx


class ErrorHook(pecan.hooks.PecanHook):
    """Renders what a controller raised through the one fault formatter."""

    priority = 1000

    def on_error(self, state, error):
        return fault.from_exception(error)

"""One INFO line for every write an administrator makes: who (user and
project), what (method and path) and the resource, never a body or a
header, so no secret reaches the log."""

from oslo_log import log as logging
import pecan

LOG = logging.getLogger('trove_datastore.audit')

WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')

# Where an action names the resource it created (its id is not in the
# path the client sent).
_CREATED = 'trove_datastore.audit.created'


def created(resource_id):
    """Record the id of what the current request created."""
    pecan.request.environ[_CREATED] = resource_id


class AuditHook(pecan.hooks.PecanHook):

    # After the context hook (10) has built the caller's context.
    priority = 20

    def after(self, state):
        request = state.request
        if request.method not in WRITES:
            return
        # Pecan's request.context is a plain dict until the context hook
        # has built ours, so a request refused before then has none.
        context = getattr(request, 'context', None)
        if not getattr(context, 'is_admin', False):
            return
        status = state.response.status_int
        created_id = request.environ.get(_CREATED)
        LOG.info('audit: user %(user)s project %(project)s %(method)s '
                 '%(path)s -> %(status)d%(created)s',
                 {'user': context.user_id, 'project': context.project_id,
                  'method': request.method, 'path': request.path,
                  'status': status,
                  'created': (' created %s' % created_id
                              if created_id else '')})

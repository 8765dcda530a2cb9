"""``/``: the version document, and ``/v1.0/{project_id}/...``."""

import pecan

from trove_datastore.api.controllers import v1
from trove_datastore.api import method
from trove_datastore import exception

VERSION_ID = 'v1.0'


class RootController(object):

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        host = pecan.request.host_url
        return {'versions': [{
            'id': VERSION_ID,
            'status': 'CURRENT',
            'updated': '2012-08-01T00:00:00Z',
            'links': [{'href': '%s/%s/' % (host, VERSION_ID),
                       'rel': 'self'}],
        }]}

    @pecan.expose()
    def _lookup(self, version=None, project_id=None, *remainder):
        if version != VERSION_ID or not project_id:
            raise exception.NotFound()
        context = pecan.request.context
        if context.project_id != project_id:
            # The URL's project must be the caller's own.
            raise exception.Forbidden()
        return v1.ProjectController(project_id), remainder

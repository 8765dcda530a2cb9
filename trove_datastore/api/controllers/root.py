"""``/``: the version document, and ``/v1.0/{project_id}/...``."""

import pecan

from trove_datastore.api.controllers import v1
from trove_datastore.api import method
from trove_datastore.api import views
from trove_datastore import exception

VERSION_ID = 'v1.0'


def version_document():
    return {'id': VERSION_ID,
            'status': 'CURRENT',
            'updated': '2012-08-01T00:00:00Z',
            'links': [{'href': '%s/%s/' % (views.base_url(), VERSION_ID),
                       'rel': 'self'}]}


class _Document(object):
    """A path that answers GET with one document."""

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        return self.document()


class VersionController(_Document):
    """``/v1.0/``: the one version, where its links point."""

    def document(self):
        return {'version': version_document()}


class RootController(_Document):

    def document(self):
        return {'versions': [version_document()]}

    @pecan.expose()
    def _lookup(self, version=None, project_id=None, *remainder):
        if version == VERSION_ID and not project_id and not remainder:
            return VersionController(), ()
        if version != VERSION_ID or not project_id:
            raise exception.NotFound()
        context = pecan.request.context
        if context.project_id != project_id:
            # The URL's project must be the caller's own.
            raise exception.Forbidden()
        return v1.ProjectController(project_id), remainder

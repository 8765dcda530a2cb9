"""``/``: the version document, and ``/v1.0/{project_id}/...`` dispatched
by the table of declared operations (:mod:`trove_datastore.api.routes`)."""

import pecan

from trove_datastore.api import method
from trove_datastore.api import routes
from trove_datastore.api import views
from trove_datastore import exception

VERSION_ID = 'v1.0'


def version_document():
    return {'id': VERSION_ID,
            'status': 'CURRENT',
            'updated': '2012-08-01T00:00:00Z',
            'links': [{'href': '%s/%s/' % (views.base_url(), VERSION_ID),
                       'rel': 'self'}]}


def _document(document, leftover):
    """A path that answers GET, and only GET, with one document."""
    if pecan.request.method != 'GET' or leftover:
        raise exception.NotFound()
    return method.render(document, 200)


class RootController(object):

    @pecan.expose(content_type=method.JSON)
    def index(self, *leftover, **query):
        return _document({'versions': [version_document()]}, leftover)

    @pecan.expose(content_type=method.JSON)
    def version(self, *leftover, **query):
        """``/v1.0/``: the one version, where its links point."""
        return _document({'version': version_document()}, leftover)

    @pecan.expose(content_type=method.JSON)
    def operation(self, *leftover, **query):
        """The declared operation :meth:`_route` matched."""
        return method.serve(*pecan.request.pecan['operation'])

    @pecan.expose()
    def not_found(self, *leftover, **query):
        raise exception.NotFound()

    @pecan.expose()
    def _route(self, segments, request):
        version = segments[0]
        project_id = segments[1] if len(segments) > 1 else None
        rest = segments[2:]
        if version == VERSION_ID and not project_id and not rest:
            return self.version, []
        if version != VERSION_ID or not project_id:
            raise exception.NotFound()
        if request.context.project_id != project_id:
            # The URL's project must be the caller's own.
            raise exception.Forbidden()
        found = routes.match(request.method, rest)
        if found is None:
            # Through Pecan like any action: a body it cannot parse is
            # refused the same way on every path.
            return self.not_found, []
        request.pecan['operation'] = found
        return self.operation, []

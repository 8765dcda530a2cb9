"""``/datastores``: what users may deploy."""

import pecan

from trove_datastore.api.controllers import parameters
from trove_datastore.api import method
from trove_datastore.api.views import datastores as views
from trove_datastore.api import views as common_views
from trove_datastore.manager import datastores as manager
from trove_datastore.manager import versions as versions_manager
from trove_datastore.policies import datastores as policies


class DatastoresController(object):
    """``/datastores`` and, before any datastore name, ``/versions/{id}``
    (a datastore literally named "versions" is shadowed, as in Trove)."""

    def __init__(self):
        self.versions = VersionsByIdController()

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(policies.INDEX)
        rows, marker = manager.list_datastores(
            context, include_hidden=context.is_admin, page=method.page())
        return common_views.paged('datastores', [
            views.datastore(ds, versions, context.project_id,
                            context.is_admin)
            for ds, versions in rows], marker)

    @pecan.expose()
    def _lookup(self, ident, *remainder):
        return DatastoreController(ident), remainder


class DatastoreController(object):

    def __init__(self, ident):
        self.ident = ident
        self.versions = DatastoreVersionsController(ident)

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.SHOW)
        datastore, versions = manager.get_datastore(
            context, self.ident, include_hidden=context.is_admin)
        return {'datastore': views.datastore(
            datastore, versions, context.project_id, context.is_admin)}

    @index.when(method='DELETE', content_type=method.JSON)
    @method.expose(status=202)
    def delete(self):
        context = method.context()
        context.can(policies.DELETE)
        manager.delete_datastore(context, self.ident)


class DatastoreVersionsController(object):
    """``/datastores/{ds}/versions``."""

    def __init__(self, datastore_ident):
        self.datastore_ident = datastore_ident

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(policies.VERSION_INDEX)
        _, rows, marker = versions_manager.list_versions_of(
            context, self.datastore_ident, include_hidden=context.is_admin,
            page=method.page())
        return common_views.paged('versions', [
            views.version(v, context.project_id, context.is_admin)
            for v in rows], marker)

    @pecan.expose()
    def _lookup(self, ident, *remainder):
        return DatastoreVersionController(self.datastore_ident,
                                          ident), remainder


class DatastoreVersionController(object):
    """``/datastores/{ds}/versions/{version}`` (by name or id)."""

    def __init__(self, datastore_ident, ident):
        self.datastore_ident = datastore_ident
        self.ident = ident
        self.parameters = parameters.ParametersController(
            datastore=datastore_ident, version=ident)

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.VERSION_SHOW)
        version, _ = versions_manager.get_version_in(
            context, self.datastore_ident, self.ident)
        return {'version': views.version(version, context.project_id,
                                         context.is_admin)}


class VersionsByIdController(object):
    """``/datastores/versions/{version_id}``."""

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @pecan.expose()
    def _lookup(self, version_id, *remainder):
        return VersionByIdController(version_id), remainder


class VersionByIdController(object):

    def __init__(self, version_id):
        self.version_id = version_id
        self.parameters = parameters.ParametersController(
            version_id=version_id)

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.VERSION_SHOW_BY_UUID)
        version, _ = versions_manager.get_version(context, self.version_id)
        return {'version': views.version(version, context.project_id,
                                         context.is_admin)}

"""Configuration parameter rules: public reads under a datastore version,
administrative management under ``/mgmt/datastores/versions/{id}``."""

import pecan

from trove_datastore.api import method
from trove_datastore.api.schemas import parameters as schemas
from trove_datastore.api import validation
from trove_datastore.api import views as common_views
from trove_datastore.api.views import parameters as views
from trove_datastore.manager import parameters as manager
from trove_datastore.policies import parameters as policies


class ParametersController(object):
    """``/datastores/{ds}/versions/{version}/parameters`` and
    ``/datastores/versions/{version_id}/parameters``."""

    def __init__(self, datastore=None, version=None, version_id=None):
        if version_id is not None:
            self.version = {'version_id': version_id}
            self.index_rule = policies.INDEX_BY_VERSION
            self.show_rule = policies.SHOW_BY_VERSION
        else:
            self.version = {'datastore': datastore, 'version': version}
            self.index_rule = policies.INDEX
            self.show_rule = policies.SHOW

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(self.index_rule)
        _, rows, marker = manager.list_parameters(context, page=method.page(),
                                                  **self.version)
        return common_views.paged('configuration-parameters',
                                  views.parameters(rows), marker)

    @pecan.expose()
    def _lookup(self, name, *remainder):
        return ParameterController(self, name), remainder


class ParameterController(object):

    def __init__(self, parent, name):
        self.parent = parent
        self.name = name

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(self.parent.show_rule)
        row = manager.get_parameter(context, self.name,
                                    **self.parent.version)
        return views.parameter(row)


class MgmtParametersController(object):
    """``/mgmt/datastores/versions/{version_id}/parameters``."""

    def __init__(self, version_id):
        self.version_id = version_id

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(policies.MGMT_INDEX)
        _, rows, marker = manager.list_parameters(
            context, page=method.page(), version_id=self.version_id)
        return common_views.paged('configuration-parameters',
                                  views.parameters(rows, mgmt=True), marker)

    @index.when(method='POST', content_type=method.JSON)
    @method.expose()
    @method.authorize(policies.CREATE)
    @validation.body(schemas.CREATE)
    def post(self, body):
        context = method.context()
        row = manager.create_parameter(context, self.version_id,
                                       body['configuration-parameter'])
        return views.mgmt_parameter(row)

    @pecan.expose()
    def _lookup(self, name, *remainder):
        return MgmtParameterController(self.version_id, name), remainder


class MgmtParameterController(object):

    def __init__(self, version_id, name):
        self.version_id = version_id
        self.name = name

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.MGMT_SHOW)
        row = manager.get_parameter(context, self.name,
                                    version_id=self.version_id)
        return views.mgmt_parameter(row)

    @index.when(method='PUT', content_type=method.JSON)
    @method.expose()
    @method.authorize(policies.UPDATE)
    @validation.body(schemas.UPDATE)
    def put(self, body):
        context = method.context()
        row = manager.update_parameter(context, self.version_id, self.name,
                                       body['configuration-parameter'])
        return views.mgmt_parameter(row)

    @index.when(method='DELETE', content_type=method.JSON)
    @method.expose(status=204)
    def delete(self):
        context = method.context()
        context.can(policies.DELETE)
        manager.delete_parameter(context, self.version_id, self.name)

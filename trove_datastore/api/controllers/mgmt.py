"""``/mgmt``: administrative datastore-version and parameter operations."""

import pecan

from trove_datastore.api import audit
from trove_datastore.api.controllers import parameters
from trove_datastore.api import method
from trove_datastore.api.schemas import versions as schemas
from trove_datastore.api import validation
from trove_datastore.api import views as common_views
from trove_datastore.api.views import datastores as views
from trove_datastore import exception
from trove_datastore import images
from trove_datastore.manager import versions as manager
from trove_datastore.policies import versions as policies


class MgmtController(object):

    def __init__(self):
        self.datastores = MgmtDatastoresController()

    @pecan.expose()
    def _lookup(self, name, *remainder):
        if name == 'datastore-versions':
            return MgmtVersionsController(), remainder
        raise exception.NotFound()


class MgmtDatastoresController(object):
    """``/mgmt/datastores/versions/{id}/parameters``."""

    @pecan.expose()
    def _lookup(self, name, version_id=None, sub=None, *remainder):
        if name == 'versions' and version_id and sub == 'parameters':
            return parameters.MgmtParametersController(version_id), remainder
        raise exception.NotFound()


class _Resolver(object):
    """Resolves image tags once per distinct tag set within a request."""

    def __init__(self):
        self.source = images.get_source()
        self.seen = {}

    def __call__(self, version):
        if version.image_id:
            return version.image_id
        tags = tuple(manager.split_list(version.image_tags))
        if not tags:
            return None
        if tags not in self.seen:
            try:
                found = self.source.find_by_tags(tags)
            except exception.ServiceUnavailable:
                found = None
            self.seen[tags] = found['id'] if found else None
        return self.seen[tags]


class MgmtVersionsController(object):
    """``/mgmt/datastore-versions``."""

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(policies.INDEX)
        rows, marker = manager.list_versions(context, page=method.page())
        resolve = _Resolver()
        return common_views.paged('versions', [
            views.mgmt_version(v, v.datastore_name, is_default, resolve(v))
            for v, is_default in rows], marker)

    @index.when(method='POST', content_type=method.JSON)
    @method.expose(status=202)
    @method.authorize(policies.CREATE)
    @validation.body(schemas.CREATE)
    def post(self, body):
        context = method.context()
        fields = body['version']
        row = manager.create_version(
            context,
            name=fields['name'],
            datastore_name=fields['datastore_name'],
            manager=fields['datastore_manager'],
            active=fields['active'],
            image_id=fields.get('image'),
            image_tags=fields.get('image_tags'),
            packages=fields.get('packages'),
            default=fields.get('default', False),
            registry_ext=fields.get('registry_ext'),
            repl_strategy=fields.get('repl_strategy'),
            version=fields.get('version'))
        audit.created(row.id)

    @pecan.expose()
    def _lookup(self, version_id, *remainder):
        return MgmtVersionController(version_id), remainder


class MgmtVersionController(object):

    def __init__(self, version_id):
        self.version_id = version_id

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.SHOW)
        version, datastore = manager.get_version(context, self.version_id)
        return {'version': views.mgmt_version(
            version, datastore.name,
            datastore.default_version_id == version.id,
            _Resolver()(version))}

    @index.when(method='PATCH', content_type=method.JSON)
    @method.expose(status=202)
    @method.authorize(policies.UPDATE)
    @validation.body(schemas.UPDATE)
    def patch(self, body):
        context = method.context()
        manager.update_version(context, self.version_id, body)

    @index.when(method='DELETE', content_type=method.JSON)
    @method.expose(status=202)
    def delete(self):
        context = method.context()
        context.can(policies.DELETE)
        manager.delete_version(context, self.version_id)

"""``/configurations``: the caller's project's configuration groups."""

import pecan

from trove_datastore.api import method
from trove_datastore.api.schemas import configurations as schemas
from trove_datastore.api import validation
from trove_datastore.api import views as common_views
from trove_datastore.api.views import configurations as views
from trove_datastore.conf import CONF
from trove_datastore.manager import configurations as manager
from trove_datastore.policies import configurations as policies


class ConfigurationsController(object):

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get_all(self):
        context = method.context()
        context.can(policies.INDEX)
        page = method.page(default_limit=CONF.configurations_page_size,
                           max_limit=CONF.configurations_page_size)
        groups, marker = manager.list_configurations(context, page)
        return common_views.paged(
            'configurations', [views.summary(g) for g in groups], marker)

    @index.when(method='POST', content_type=method.JSON)
    @method.expose()
    @method.authorize(policies.CREATE)
    @validation.body(schemas.CREATE)
    def post(self, body):
        context = method.context()
        fields = body['configuration']
        datastore = fields.get('datastore') or {}
        group = manager.create_configuration(
            context, name=fields['name'], values=fields['values'],
            description=fields.get('description') or None,
            datastore=datastore.get('type'),
            version=datastore.get('version'),
            version_number=datastore.get('version_number'))
        return {'configuration': views.detail(group)}

    @pecan.expose()
    def _lookup(self, configuration_id, *remainder):
        return ConfigurationController(configuration_id), remainder


class ConfigurationController(object):

    def __init__(self, configuration_id):
        self.configuration_id = configuration_id
        self.instances = InstancesController(configuration_id)
        self.check = CheckController(configuration_id)

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.SHOW)
        group = manager.get_configuration(context, self.configuration_id)
        return {'configuration': views.detail(group)}

    @index.when(method='PUT', content_type=method.JSON)
    @method.expose(status=202)
    @method.authorize(policies.UPDATE)
    @validation.body(schemas.REPLACE)
    def put(self, body):
        context = method.context()
        fields = body['configuration']
        manager.replace_configuration(
            context, self.configuration_id, values=fields.get('values'),
            name=fields.get('name'), description=fields.get('description'))

    @index.when(method='PATCH', content_type=method.JSON)
    @method.expose(status=200)
    @method.authorize(policies.EDIT)
    @validation.body(schemas.MERGE)
    def patch(self, body):
        context = method.context()
        manager.merge_configuration(context, self.configuration_id,
                                    values=body['configuration'].get(
                                        'values'))

    @index.when(method='DELETE', content_type=method.JSON)
    @method.expose(status=202)
    def delete(self):
        context = method.context()
        context.can(policies.DELETE)
        manager.delete_configuration(context, self.configuration_id)


class InstancesController(object):
    """``/configurations/{id}/instances``: instances live elsewhere."""

    def __init__(self, configuration_id):
        self.configuration_id = configuration_id

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.INSTANCES)
        manager.configuration_instances(context, self.configuration_id)


class CheckController(object):
    """``/configurations/{id}/check?datastore_version=ID``: whether the
    group's values are valid on another version (an extension of Trove's
    API, for upgrades)."""

    def __init__(self, configuration_id):
        self.configuration_id = configuration_id

    @pecan.expose(generic=True)
    def index(self, *args, **kwargs):
        method.not_found()

    @index.when(method='GET', content_type=method.JSON)
    @method.expose()
    def get(self):
        context = method.context()
        context.can(policies.CHECK)
        query = method.query()
        validation.validate(schemas.CHECK_QUERY, query)
        result = manager.check_configuration(
            context, self.configuration_id, query['datastore_version'])
        return {'check': views.check(result)}

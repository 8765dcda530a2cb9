"""``/configurations``: the caller's project's configuration groups."""

from trove_datastore.api import method
from trove_datastore.api.schemas import configurations as schemas
from trove_datastore.api.schemas import responses
from trove_datastore.api import views as common_views
from trove_datastore.api.views import configurations as views
from trove_datastore.manager import configurations as manager
from trove_datastore.policies import configurations as policies

GROUPS = '/configurations'
GROUP = GROUPS + '/{configuration_id}'


@method.operation('GET', GROUPS, policies.INDEX,
                  paged='configurations_page_size',
                  response=responses.CONFIGURATIONS,
                  operation_id='listConfigurations',
                  summary='List the project\'s configuration groups.')
def list_configurations(context, page):
    groups, marker = manager.list_configurations(context, page)
    return common_views.paged(
        'configurations', [views.summary(g) for g in groups], marker)


@method.operation('POST', GROUPS, policies.CREATE, schema=schemas.CREATE,
                  response=responses.CONFIGURATION,
                  operation_id='createConfiguration',
                  summary='Create a configuration group.')
def create_configuration(context, body):
    fields = body['configuration']
    datastore = fields.get('datastore') or {}
    group = manager.create_configuration(
        context, name=fields['name'], values=fields['values'],
        description=fields.get('description') or None,
        datastore=datastore.get('type'),
        version=datastore.get('version'),
        version_number=datastore.get('version_number'))
    return {'configuration': views.detail(group)}


@method.operation('GET', GROUP, policies.SHOW,
                  response=responses.CONFIGURATION,
                  operation_id='showConfiguration',
                  summary='Show a configuration group with its values.')
def show_configuration(context, configuration_id):
    group = manager.get_configuration(context, configuration_id)
    return {'configuration': views.detail(group)}


@method.operation('GET', GROUP + '/instances', policies.INSTANCES,
                  status=501, operation_id='listConfigurationInstances',
                  summary='Not served: instances are managed elsewhere '
                          '(501).')
def list_instances(context, configuration_id):
    manager.configuration_instances(context, configuration_id)


@method.operation('PUT', GROUP, policies.UPDATE, status=202,
                  schema=schemas.REPLACE, operation_id='replaceConfiguration',
                  summary='Replace the values (and name, description) of a '
                          'group.')
def replace_configuration(context, configuration_id, body):
    fields = body['configuration']
    manager.replace_configuration(
        context, configuration_id, values=fields.get('values'),
        name=fields.get('name'), description=fields.get('description'))


@method.operation('PATCH', GROUP, policies.EDIT, schema=schemas.MERGE,
                  operation_id='mergeConfiguration',
                  summary='Merge values into a configuration group.')
def merge_configuration(context, configuration_id, body):
    manager.merge_configuration(context, configuration_id,
                                values=body['configuration'].get('values'))


@method.operation('DELETE', GROUP, policies.DELETE, status=202,
                  operation_id='deleteConfiguration',
                  summary='Delete a configuration group.')
def delete_configuration(context, configuration_id):
    manager.delete_configuration(context, configuration_id)


@method.operation('GET', GROUP + '/check', policies.CHECK,
                  query=schemas.CHECK_QUERY,
                  response=responses.CONFIGURATION_CHECK,
                  operation_id='checkConfiguration',
                  summary='Whether a group\'s values are valid on another '
                          'datastore version, and why not (an extension of '
                          'Trove\'s API).')
def check_configuration(context, configuration_id, query):
    result = manager.check_configuration(
        context, configuration_id, query['datastore_version'])
    return {'check': views.check(result)}

"""Configuration parameter rules: public reads under a datastore version,
administrative management under ``/mgmt/datastores/versions/{id}``."""

from trove_datastore.api import method
from trove_datastore.api.schemas import parameters as schemas
from trove_datastore.api.schemas import responses
from trove_datastore.api import views as common_views
from trove_datastore.api.views import parameters as views
from trove_datastore.manager import parameters as manager
from trove_datastore.policies import parameters as policies

# A version by datastore and name (or id), or by id alone.
PUBLIC = '/datastores/{datastore}/versions/{version}/parameters'
BY_ID = '/datastores/versions/{version_id}/parameters'
MGMT = '/mgmt/datastores/versions/{version_id}/parameters'


@method.operation('GET', PUBLIC, policies.INDEX, paged=True,
                  response=responses.PARAMETERS,
                  operation_id='listParameters',
                  summary='List the configuration parameters of a version.')
@method.operation('GET', BY_ID, policies.INDEX_BY_VERSION, paged=True,
                  response=responses.PARAMETERS,
                  operation_id='listParametersByVersionId',
                  summary='List the configuration parameters of a version '
                          'id.')
def list_parameters(context, page, **version):
    _, rows, marker = manager.list_parameters(context, page=page, **version)
    return common_views.paged('configuration-parameters',
                              views.parameters(rows), marker)


@method.operation('GET', PUBLIC + '/{name}', policies.SHOW,
                  response=responses.PARAMETER,
                  operation_id='showParameter',
                  summary='Show a configuration parameter of a version.')
@method.operation('GET', BY_ID + '/{name}', policies.SHOW_BY_VERSION,
                  response=responses.PARAMETER,
                  operation_id='showParameterByVersionId',
                  summary='Show a configuration parameter of a version id.')
def show_parameter(context, name, **version):
    return views.parameter(manager.get_parameter(context, name, **version))


@method.operation('GET', MGMT, policies.MGMT_INDEX, paged=True,
                  response=responses.MGMT_PARAMETERS,
                  operation_id='mgmtListParameters',
                  summary='List parameter rules with admin field names.')
def mgmt_list_parameters(context, version_id, page):
    _, rows, marker = manager.list_parameters(
        context, page=page, version_id=version_id)
    return common_views.paged('configuration-parameters',
                              views.parameters(rows, mgmt=True), marker)


@method.operation('POST', MGMT, policies.CREATE, schema=schemas.CREATE,
                  response=responses.MGMT_PARAMETER,
                  operation_id='mgmtCreateParameter',
                  summary='Add a parameter rule to a version.')
def create_parameter(context, version_id, body):
    row = manager.create_parameter(
        context, version_id, schemas.rule(body['configuration-parameter']))
    return views.mgmt_parameter(row)


@method.operation('GET', MGMT + '/{name}', policies.MGMT_SHOW,
                  response=responses.MGMT_PARAMETER,
                  operation_id='mgmtShowParameter',
                  summary='Show a parameter rule with admin field names.')
def mgmt_show_parameter(context, version_id, name):
    row = manager.get_parameter(context, name, version_id=version_id)
    return views.mgmt_parameter(row)


@method.operation('PUT', MGMT + '/{name}', policies.UPDATE,
                  schema=schemas.UPDATE, response=responses.MGMT_PARAMETER,
                  operation_id='mgmtUpdateParameter',
                  summary='Replace a parameter rule of a version; 409 when '
                          'configuration groups hold values it would '
                          'reject.')
def update_parameter(context, version_id, name, body):
    row = manager.update_parameter(
        context, version_id, name,
        schemas.rule(body['configuration-parameter'], name=name))
    return views.mgmt_parameter(row)


@method.operation('DELETE', MGMT + '/{name}', policies.DELETE, status=204,
                  operation_id='mgmtDeleteParameter',
                  summary='Remove a parameter rule from a version; 409 '
                          'while configuration groups hold values for it.')
def delete_parameter(context, version_id, name):
    manager.delete_parameter(context, version_id, name)

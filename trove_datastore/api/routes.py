"""Every route of the v1.0 API, in one table.

The OpenAPI description (:mod:`trove_datastore.api.openapi`) is built from
this table and the request schemas the controllers validate with, and the
tests prove the table matches what the Pecan controllers really answer, so
neither the document nor the access tests can drift from the code.
"""

import collections

from trove_datastore.api.schemas import configurations as group_schemas
from trove_datastore.api.schemas import parameters as parameters_schemas
from trove_datastore.api.schemas import versions as versions_schemas
from trove_datastore.policies import configurations as group_policies
from trove_datastore.policies import datastores as datastores_policies
from trove_datastore.policies import parameters as parameters_policies
from trove_datastore.policies import versions as versions_policies

PREFIX = '/v1.0/{project_id}'

Route = collections.namedtuple(
    'Route', ['method', 'path', 'rule', 'schema', 'status', 'operation',
              'summary', 'queries', 'query_schema'])
"""One operation: ``path`` is relative to :data:`PREFIX`; ``rule`` is the
policy rule name checked; ``schema`` the JSON Schema of the request body
(None: no body); ``status`` the status of a request that passes policy
and validation on an existing resource (501 for the one route that is
deliberately not served); ``queries`` the query parameters it reads;
``query_schema`` the JSON Schema its query is validated with, if any (its
properties are then the queries)."""

PAGED = ('limit', 'marker')

_DS = '/datastores/{datastore}'
_DSV = _DS + '/versions/{version}'
_BY_ID = '/datastores/versions/{version_id}'
_MGMT_DSV = '/mgmt/datastore-versions'
_MGMT_PARAMS = '/mgmt/datastores/versions/{version_id}/parameters'
_GROUPS = '/configurations'


def _route(method, path, rule, status=200, schema=None, operation=None,
           summary='', queries=(), query_schema=None):
    if query_schema is not None:
        queries = sorted(query_schema['properties'])
    return Route(method, path, rule, schema, status, operation, summary,
                 tuple(queries), query_schema)


ROUTES = (
    _route('GET', '/datastores', datastores_policies.INDEX,
           operation='listDatastores', queries=PAGED,
           summary='List datastores with their versions.'),
    _route('GET', _DS, datastores_policies.SHOW,
           operation='showDatastore', summary='Show a datastore.'),
    _route('DELETE', _DS, datastores_policies.DELETE, status=202,
           operation='deleteDatastore',
           summary='Delete a datastore that has no versions.'),
    _route('GET', _DS + '/versions', datastores_policies.VERSION_INDEX,
           operation='listDatastoreVersions', queries=PAGED,
           summary='List the versions of a datastore.'),
    _route('GET', _DSV, datastores_policies.VERSION_SHOW,
           operation='showDatastoreVersion',
           summary='Show a version of a datastore by name or id.'),
    _route('GET', _BY_ID, datastores_policies.VERSION_SHOW_BY_UUID,
           operation='showDatastoreVersionById',
           summary='Show a datastore version by id.'),
    _route('GET', _DSV + '/parameters', parameters_policies.INDEX,
           operation='listParameters', queries=PAGED,
           summary='List the configuration parameters of a version.'),
    _route('GET', _DSV + '/parameters/{name}', parameters_policies.SHOW,
           operation='showParameter',
           summary='Show a configuration parameter of a version.'),
    _route('GET', _BY_ID + '/parameters',
           parameters_policies.INDEX_BY_VERSION,
           operation='listParametersByVersionId', queries=PAGED,
           summary='List the configuration parameters of a version id.'),
    _route('GET', _BY_ID + '/parameters/{name}',
           parameters_policies.SHOW_BY_VERSION,
           operation='showParameterByVersionId',
           summary='Show a configuration parameter of a version id.'),
    _route('GET', _MGMT_DSV, versions_policies.INDEX,
           operation='mgmtListVersions', queries=PAGED,
           summary='List every datastore version with admin fields.'),
    _route('POST', _MGMT_DSV, versions_policies.CREATE, status=202,
           schema=versions_schemas.CREATE, operation='mgmtCreateVersion',
           summary='Create a datastore version (and its datastore).'),
    _route('GET', _MGMT_DSV + '/{version_id}', versions_policies.SHOW,
           operation='mgmtShowVersion',
           summary='Show a datastore version with admin fields.'),
    _route('PATCH', _MGMT_DSV + '/{version_id}', versions_policies.UPDATE,
           status=202, schema=versions_schemas.UPDATE,
           operation='mgmtUpdateVersion',
           summary='Update a datastore version.'),
    _route('DELETE', _MGMT_DSV + '/{version_id}', versions_policies.DELETE,
           status=202, operation='mgmtDeleteVersion',
           summary='Delete a datastore version.'),
    _route('GET', _MGMT_PARAMS, parameters_policies.MGMT_INDEX,
           operation='mgmtListParameters', queries=PAGED,
           summary='List parameter rules with admin field names.'),
    _route('POST', _MGMT_PARAMS, parameters_policies.CREATE,
           schema=parameters_schemas.CREATE,
           operation='mgmtCreateParameter',
           summary='Add a parameter rule to a version.'),
    _route('GET', _MGMT_PARAMS + '/{name}', parameters_policies.MGMT_SHOW,
           operation='mgmtShowParameter',
           summary='Show a parameter rule with admin field names.'),
    _route('PUT', _MGMT_PARAMS + '/{name}', parameters_policies.UPDATE,
           schema=parameters_schemas.UPDATE,
           operation='mgmtUpdateParameter',
           summary='Replace a parameter rule of a version; 409 when '
                   'configuration groups hold values it would reject.'),
    _route('DELETE', _MGMT_PARAMS + '/{name}', parameters_policies.DELETE,
           status=204, operation='mgmtDeleteParameter',
           summary='Remove a parameter rule from a version; 409 while '
                   'configuration groups hold values for it.'),
    _route('GET', _GROUPS, group_policies.INDEX,
           operation='listConfigurations', queries=PAGED,
           summary='List the project\'s configuration groups.'),
    _route('POST', _GROUPS, group_policies.CREATE,
           schema=group_schemas.CREATE,
           operation='createConfiguration',
           summary='Create a configuration group.'),
    _route('GET', _GROUPS + '/{configuration_id}',
           group_policies.SHOW, operation='showConfiguration',
           summary='Show a configuration group with its values.'),
    _route('GET', _GROUPS + '/{configuration_id}/instances',
           group_policies.INSTANCES, status=501,
           operation='listConfigurationInstances',
           summary='Not served: instances are managed elsewhere (501).'),
    _route('PUT', _GROUPS + '/{configuration_id}',
           group_policies.UPDATE, status=202,
           schema=group_schemas.REPLACE,
           operation='replaceConfiguration',
           summary='Replace the values (and name, description) of a '
                   'group.'),
    _route('PATCH', _GROUPS + '/{configuration_id}',
           group_policies.EDIT,
           schema=group_schemas.MERGE,
           operation='mergeConfiguration',
           summary='Merge values into a configuration group.'),
    _route('DELETE', _GROUPS + '/{configuration_id}',
           group_policies.DELETE, status=202,
           operation='deleteConfiguration',
           summary='Delete a configuration group.'),
    _route('GET', _GROUPS + '/{configuration_id}/check',
           group_policies.CHECK, query_schema=group_schemas.CHECK_QUERY,
           operation='checkConfiguration',
           summary='Whether a group\'s values are valid on another '
                   'datastore version, and why not (an extension of '
                   'Trove\'s API).'),
)

METHODS = ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')


def paths():
    """Every path template, in table order, once."""
    seen = []
    for route in ROUTES:
        if route.path not in seen:
            seen.append(route.path)
    return seen


def methods_of(path):
    return [route.method for route in ROUTES if route.path == path]


def parameters_of(path):
    """The names of a template's path parameters, in order."""
    return [segment[1:-1] for segment in path.split('/')
            if segment.startswith('{') and segment.endswith('}')]

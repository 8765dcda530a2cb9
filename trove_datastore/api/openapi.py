"""The OpenAPI 3.1 description of the v1.0 API, served at /openapi.json.

Built from the operations the controllers declare (through
:mod:`trove_datastore.api.routes`): their paths, policy rules, the very
request schemas they validate with and the response schemas of
:mod:`trove_datastore.api.schemas.responses`; nothing here is written by
hand twice.
"""

import copy
import functools

from oslo_serialization import jsonutils
import webob

from trove_datastore.api import routes
from trove_datastore import exception
from trove_datastore import schema_messages

OPENAPI_VERSION = '3.1.0'
PATH = '/openapi.json'

_ERROR_CODES = (400, 401, 403, 404, 409, 413, 422, 500, 501, 503)

_PATH_DESCRIPTIONS = {
    'project_id': 'The caller\'s project; it must be the token\'s project.',
    'datastore': 'A datastore id or name.',
    'version': 'A version id, or its name within the datastore.',
    'version_id': 'A datastore version id.',
    'name': 'A configuration parameter name.',
    'configuration_id': 'A configuration group id.',
}

_QUERY_SCHEMAS = {
    'limit': {'type': 'string', 'pattern': '^[0-9]+$',
              'description': 'At most this many items (a positive '
                             'integer); a next link follows when more '
                             'exist.'},
    'marker': {'type': 'string',
               'description': 'The id of the last item of the previous '
                              'page.'},
}


def _fault_schema():
    """``{"<faultName>": {"code": N, "message": "..."}}``."""
    inner = {
        'type': 'object',
        'properties': {'code': {'type': 'integer'},
                       'message': {'type': 'string'}},
        'required': ['code', 'message'],
    }
    return {
        'type': 'object',
        'minProperties': 1, 'maxProperties': 1,
        'properties': {name: copy.deepcopy(inner) for name in
                       sorted(set(exception.FAULT_NAMES.values()))},
        'additionalProperties': False,
    }


def _responses(route):
    responses = {}
    if route.status >= 400:
        responses[str(route.status)] = {
            '$ref': '#/components/responses/Fault'}
    elif route.response is None:
        responses[str(route.status)] = {'description': 'Done; no body.'}
    else:
        responses[str(route.status)] = {
            'description': 'Success.',
            'content': {'application/json': {
                'schema': copy.deepcopy(route.response)}}}
    for code in _ERROR_CODES:
        responses[str(code)] = {'$ref': '#/components/responses/Fault'}
    return responses


def _parameters(route):
    parameters = [{
        'name': name, 'in': 'path', 'required': True,
        'description': _PATH_DESCRIPTIONS.get(name, name),
        'schema': {'type': 'string', 'minLength': 1},
    } for name in routes.parameters_of(routes.PREFIX + route.path)]
    declared = route.query_schema or {}
    for name in route.queries:
        schema = public_schema(
            declared.get('properties', _QUERY_SCHEMAS).get(name))
        parameters.append({
            'name': name, 'in': 'query',
            'required': name in declared.get('required', ()),
            'description': schema.pop('description'), 'schema': schema})
    parameters.append({'$ref': '#/components/parameters/AuthToken'})
    return parameters


def public_schema(schema):
    """A request schema as documented: each pattern's words (the
    validator's own keyword) become the schema's ``description``."""
    if isinstance(schema, list):
        return [public_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return copy.deepcopy(schema)
    document = {key: public_schema(value) for key, value in schema.items()
                if key != schema_messages.DESCRIPTION}
    described = schema.get(schema_messages.DESCRIPTION)
    if described and 'description' not in document:
        document['description'] = '%s%s.' % (described[0].upper(),
                                             described[1:])
    return document


def _operation(route):
    operation = {
        'operationId': route.operation,
        'summary': route.summary,
        'tags': [route.path.strip('/').split('/')[0]],
        'parameters': _parameters(route),
        'responses': _responses(route),
        'x-policy-rule': route.rule,
    }
    if route.schema is not None:
        operation['requestBody'] = {
            'required': True,
            'content': {'application/json': {
                'schema': public_schema(route.schema)}},
        }
    return operation


@functools.lru_cache(maxsize=1)
def _document_bytes():
    return jsonutils.dump_as_bytes(build_document(), sort_keys=True)


def build_document():
    """The OpenAPI document as a dict."""
    paths = {}
    for route in routes.ROUTES:
        item = paths.setdefault(routes.PREFIX + route.path, {})
        item[route.method.lower()] = _operation(route)
    return {
        'openapi': OPENAPI_VERSION,
        'info': {
            'title': 'trove-datastore',
            'version': '1.0',
            'description': (
                'OpenStack Trove\'s v1.0 API for datastores, datastore '
                'versions, configuration parameters and configuration '
                'groups. Every error has the body '
                '{"<faultName>": {"code": N, "message": "..."}}.'),
        },
        'paths': paths,
        'components': {
            'schemas': {'Fault': _fault_schema()},
            'responses': {'Fault': {
                'description': 'An error, in Trove\'s fault shape.',
                'content': {'application/json': {
                    'schema': {'$ref': '#/components/schemas/Fault'}}},
            }},
            'parameters': {'AuthToken': {
                'name': 'X-Auth-Token', 'in': 'header', 'required': False,
                'description': 'A Keystone token.',
                'schema': {'type': 'string'},
            }},
        },
    }


def application(environ, start_response):
    """WSGI app serving the document to anyone, without authentication."""
    if environ.get('REQUEST_METHOD') not in ('GET', 'HEAD'):
        response = webob.Response(status=404)
    else:
        response = webob.Response(content_type='application/json',
                                  charset=None)
        response.body = _document_bytes()
    return response(environ, start_response)

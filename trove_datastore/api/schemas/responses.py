"""JSON Schemas of the documents the API answers (the views' output).

Each declared operation names its response schema; the OpenAPI document
publishes them and a functional test validates real answers against
them (tests/functional/test_openapi.py), so the views cannot drift.
"""

import copy

STRING = {'type': 'string'}
NULLABLE_STRING = {'type': ['string', 'null']}
BOOLEAN = {'type': 'boolean'}
TIMESTAMP = {'type': ['string', 'null'],
             'description': 'UTC, as YYYY-MM-DDThh:mm:ss.'}
STRINGS = {'type': 'array', 'items': STRING}

LINK = {'type': 'object', 'required': ['href', 'rel'],
        'properties': {'href': STRING, 'rel': STRING},
        'additionalProperties': False}
LINKS = {'type': 'array', 'items': LINK}


def _object(required, optional=None):
    properties = dict(required)
    properties.update(optional or {})
    return {'type': 'object', 'required': sorted(required),
            'properties': properties, 'additionalProperties': False}


def _one(key, schema):
    """``{key: schema}``."""
    return _object({key: schema})


def _page(key, item):
    """A page of a list: ``{key: [...]}``, and a ``links`` list holding
    the ``next`` link when more items follow."""
    return _object({key: {'type': 'array', 'items': item}},
                   {'links': LINKS})


# What an administrator also sees of a version in public documents.
_ADMIN_VERSION_FIELDS = {
    'active': BOOLEAN,
    'packages': NULLABLE_STRING,
    'image': NULLABLE_STRING,
    'image_tags': STRINGS,
    'registry_ext': NULLABLE_STRING,
    'repl_strategy': NULLABLE_STRING,
}

_VERSION_FIELDS = {'id': STRING, 'name': STRING, 'version': STRING,
                   'links': LINKS}

# A version inside its datastore's document (no ``datastore`` field).
VERSION_IN_DATASTORE = _object(_VERSION_FIELDS, _ADMIN_VERSION_FIELDS)

VERSION_ITEM = _object(dict(_VERSION_FIELDS, datastore=STRING),
                       _ADMIN_VERSION_FIELDS)

DATASTORE_ITEM = _object(
    {'id': STRING, 'name': STRING, 'links': LINKS,
     'versions': {'type': 'array', 'items': VERSION_IN_DATASTORE}},
    {'default_version': STRING})

MGMT_VERSION_ITEM = _object({
    'id': STRING, 'name': STRING, 'version': STRING,
    'datastore_id': STRING, 'datastore_name': STRING,
    'datastore_manager': STRING,
    'image': NULLABLE_STRING, 'image_tags': STRINGS, 'packages': STRINGS,
    'active': BOOLEAN, 'registry_ext': NULLABLE_STRING,
    'repl_strategy': NULLABLE_STRING, 'default': BOOLEAN,
    'resolved_image': NULLABLE_STRING,
    'created': TIMESTAMP, 'updated': TIMESTAMP,
})

_BOUND = {'type': 'number'}
_PARAMETER_FIELDS = {
    'name': STRING, 'datastore_version_id': STRING,
    'restart_required': BOOLEAN,
    'type': {'type': 'string',
             'enum': ['integer', 'string', 'boolean', 'float', 'list']},
}
_PARAMETER_EXTENSIONS = {
    'description': STRING, 'allowed_values': {'type': 'array'},
    'sensitive': BOOLEAN, 'dynamic': BOOLEAN, 'unit': STRING,
}

PARAMETER = _object(_PARAMETER_FIELDS, dict(
    _PARAMETER_EXTENSIONS, min=_BOUND, max=_BOUND))
MGMT_PARAMETER = _object(_PARAMETER_FIELDS, dict(
    _PARAMETER_EXTENSIONS, min_size=_BOUND, max_size=_BOUND))

CONFIGURATION_ITEM = _object({
    'id': STRING, 'name': STRING, 'description': NULLABLE_STRING,
    'created': TIMESTAMP, 'updated': TIMESTAMP,
    'datastore_version_id': STRING, 'datastore_name': STRING,
    'datastore_version_name': STRING,
    'datastore_version_number': NULLABLE_STRING,
})
CONFIGURATION_DETAIL = copy.deepcopy(CONFIGURATION_ITEM)
CONFIGURATION_DETAIL['properties']['values'] = {
    'type': 'object',
    'description': 'Parameter values; a sensitive one shows as "***".'}
CONFIGURATION_DETAIL['required'].append('values')
CONFIGURATION_DETAIL['required'].sort()

CHECK_ITEM = _object({
    'configuration_id': STRING, 'datastore_version_id': STRING,
    'datastore_name': STRING, 'datastore_version_name': STRING,
    'valid': BOOLEAN, 'problems': STRINGS,
})

DATASTORES = _page('datastores', DATASTORE_ITEM)
DATASTORE = _one('datastore', DATASTORE_ITEM)
VERSIONS = _page('versions', VERSION_ITEM)
VERSION = _one('version', VERSION_ITEM)
MGMT_VERSIONS = _page('versions', MGMT_VERSION_ITEM)
MGMT_VERSION = _one('version', MGMT_VERSION_ITEM)
PARAMETERS = _page('configuration-parameters', PARAMETER)
MGMT_PARAMETERS = _page('configuration-parameters', MGMT_PARAMETER)
CONFIGURATIONS = _page('configurations', CONFIGURATION_ITEM)
CONFIGURATION = _one('configuration', CONFIGURATION_DETAIL)
CONFIGURATION_CHECK = _one('check', CHECK_ITEM)

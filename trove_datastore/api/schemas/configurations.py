"""Bodies of /configurations."""

from trove_datastore.api.schemas import common

VALUES = {'type': 'object', 'maxProperties': 2000}
DESCRIPTION = {'type': ['string', 'null'], 'maxLength': 255}

CREATE = {
    'type': 'object',
    'properties': {
        'configuration': {
            'type': 'object',
            'properties': {
                'name': common.NON_EMPTY_STRING,
                'description': DESCRIPTION,
                'values': VALUES,
                'datastore': {
                    'type': 'object',
                    'properties': {
                        'type': common.NON_EMPTY_STRING,
                        'version': common.NON_EMPTY_STRING,
                        'version_number': common.NON_EMPTY_STRING,
                    },
                    'additionalProperties': False,
                },
            },
            'required': ['name', 'values'],
            'additionalProperties': False,
        },
    },
    'required': ['configuration'],
    'additionalProperties': False,
}

# PUT replaces the values (none when absent), and the name or description
# when given.
REPLACE = {
    'type': 'object',
    'properties': {
        'configuration': {
            'type': 'object',
            'properties': {
                'name': common.NON_EMPTY_STRING,
                'description': DESCRIPTION,
                'values': VALUES,
            },
            'additionalProperties': False,
        },
    },
    'required': ['configuration'],
    'additionalProperties': False,
}

# The query of GET /configurations/{id}/check; other parameters are
# ignored, as on every route.
CHECK_QUERY = {
    'type': 'object',
    'properties': {
        'datastore_version': {
            'type': 'string', 'minLength': 1, 'maxLength': 255,
            'description': 'The id of the datastore version to check the '
                           'group\'s values against.'},
    },
    'required': ['datastore_version'],
}

# PATCH merges values; it changes nothing else.
MERGE = {
    'type': 'object',
    'properties': {
        'configuration': {
            'type': 'object',
            'properties': {'values': VALUES},
            'additionalProperties': False,
        },
    },
    'required': ['configuration'],
    'additionalProperties': False,
}

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

"""Bodies of /mgmt/datastores/versions/{id}/parameters."""

import copy

from trove_datastore.api.schema_messages import DESCRIPTION
from trove_datastore.api.schemas import common
from trove_datastore import units

NAME = {'type': 'string', 'minLength': 1, 'maxLength': 128,
        'pattern': '^.*[0-9a-zA-Z]+.*$', 'format': common.NAME_FORMAT,
        DESCRIPTION: common.NAME_DESCRIPTION}

# troveclient sends bounds as given on its command line: numbers or text.
BOUND = {'anyOf': [
    {'type': ['number', 'null']},
    {'type': 'string', 'maxLength': 40,
     'pattern': r'^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$',
     DESCRIPTION: 'must be a number written as text, such as "10" or '
                  '"0.5"'},
], DESCRIPTION: 'must be a number, null, or a number written as text of '
                'at most 40 characters (such as "10" or "0.5")'}

_FIELDS = {
    'name': NAME,
    'data_type': {'type': 'string',
                  'enum': ['integer', 'string', 'boolean', 'float']},
    # Trove takes 0/1; a JSON boolean is what people write.
    'restart_required': {'anyOf': [{'type': 'boolean'},
                                   {'type': 'integer', 'enum': [0, 1]}],
                         DESCRIPTION: 'must be true, false, 0 or 1'},
    'max_size': BOUND,
    'min_size': BOUND,
    'max': BOUND,
    'min': BOUND,
    'description': {'type': 'string', 'maxLength': 65535},
    'allowed_values': {'type': 'array', 'minItems': 1, 'maxItems': 1000,
                       'items': {'type': ['string', 'number', 'boolean']}},
    'sensitive': {'type': 'boolean'},
    'dynamic': {'type': 'boolean'},
    # PostgreSQL's base unit of a numeric parameter (pg_settings.unit).
    'unit': {'type': 'string', 'enum': list(units.BASE_UNITS)},
}


def _document(required):
    return {
        'type': 'object',
        'properties': {
            'configuration-parameter': {
                'type': 'object',
                'properties': copy.deepcopy(_FIELDS),
                'required': required,
                'additionalProperties': False,
            },
        },
        'required': ['configuration-parameter'],
        'additionalProperties': False,
    }


CREATE = _document(['name', 'data_type', 'restart_required'])
# The path names the parameter; a name in the body is accepted and ignored.
UPDATE = _document(['data_type', 'restart_required'])

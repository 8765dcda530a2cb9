"""Bodies of /mgmt/datastore-versions."""

import copy

from trove_datastore.api.schemas import common
from trove_datastore.schema_messages import DESCRIPTION

# A tag is stored in a comma-joined column: a comma would split it.
IMAGE_TAG = {'type': 'string', 'minLength': 1, 'maxLength': 20,
             'pattern': '^[^,]*[0-9a-zA-Z]+[^,]*$',
             DESCRIPTION: 'must hold a letter or digit and no comma (image '
                          'tags are stored comma-separated)'}
PACKAGE = {'type': 'string', 'minLength': 1, 'maxLength': 255,
           'pattern': '^[^,]*[0-9a-zA-Z]+[^,]*$',
           DESCRIPTION: 'must hold a letter or digit and no comma (packages '
                        'are stored comma-separated)'}
IMAGE = dict(common.UUID, **{
    DESCRIPTION: 'must be a Glance image id (a UUID, 32 hexadecimal digits '
                 'grouped 8-4-4-4-12), or be left out to choose the image '
                 'by image_tags'})

_FIELDS = {
    'name': common.NON_EMPTY_STRING,
    'datastore_manager': common.NON_EMPTY_STRING,
    'active': common.BOOLEAN,
    'default': common.BOOLEAN,
    'image': IMAGE,
    'image_tags': {'type': 'array', 'items': IMAGE_TAG, 'maxItems': 5,
                   'uniqueItems': True},
    'packages': {'type': 'array', 'items': PACKAGE, 'uniqueItems': True,
                 'maxItems': 64},
    'registry_ext': common.NON_EMPTY_STRING,
    'repl_strategy': common.NON_EMPTY_STRING,
}

_create_fields = copy.deepcopy(_FIELDS)
_create_fields['datastore_name'] = common.NON_EMPTY_STRING
_create_fields['version'] = common.NON_EMPTY_STRING

CREATE = {
    'type': 'object',
    'properties': {
        'version': {
            'type': 'object',
            'properties': _create_fields,
            'required': ['name', 'datastore_name', 'datastore_manager',
                         'active'],
            'additionalProperties': False,
        },
    },
    'required': ['version'],
    'additionalProperties': False,
}

# PATCH takes the bare object; the version number never changes.
UPDATE = {
    'type': 'object',
    'properties': copy.deepcopy(_FIELDS),
    'additionalProperties': False,
}

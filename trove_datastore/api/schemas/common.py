"""Building blocks shared by the request schemas.

Every ``pattern`` comes with a DESCRIPTION saying in words what it allows:
schema errors quote it instead of the regular expression.
"""

from trove_datastore import schema
from trove_datastore.schema_messages import DESCRIPTION

# Trove's "non-empty string": 1 to 255 characters with a letter or digit.
NON_EMPTY_STRING = schema.name(255)

UUID = {
    'type': 'string', 'maxLength': 64,
    'pattern': '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
               '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$',
    DESCRIPTION: 'must be a UUID (32 hexadecimal digits grouped 8-4-4-4-12)',
}

BOOLEAN = {'type': 'boolean'}

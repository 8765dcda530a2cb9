"""Building blocks shared by the request schemas.

Every ``pattern`` comes with a DESCRIPTION saying in words what it allows:
schema errors quote it instead of the regular expression.
"""

from trove_datastore.api.schema_messages import DESCRIPTION

# Names and ids without leading or trailing whitespace, in Unicode NFC
# form (trove_datastore/names.py says why); api/validation.py checks it.
NAME_FORMAT = 'nfc-trimmed'
NAME_DESCRIPTION = ('must hold at least one letter or digit, with no '
                    'leading or trailing whitespace, in Unicode NFC form')

# Trove's "non-empty string": 1 to 255 characters with a letter or digit.
NON_EMPTY_STRING = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': '^.*[0-9a-zA-Z]+.*$', 'format': NAME_FORMAT,
    DESCRIPTION: NAME_DESCRIPTION,
}

UUID = {
    'type': 'string', 'maxLength': 64,
    'pattern': '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
               '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$',
    DESCRIPTION: 'must be a UUID (32 hexadecimal digits grouped 8-4-4-4-12)',
}

BOOLEAN = {'type': 'boolean'}

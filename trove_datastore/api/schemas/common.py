"""Building blocks shared by the request schemas."""

# Trove's "non-empty string": 1 to 255 characters with a letter or digit.
NON_EMPTY_STRING = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': '^.*[0-9a-zA-Z]+.*$',
}

UUID = {
    'type': 'string', 'maxLength': 64,
    'pattern': '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
               '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$',
}

BOOLEAN = {'type': 'boolean'}

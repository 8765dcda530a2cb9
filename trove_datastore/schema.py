"""JSON Schema checking shared by the API and the rules-file loader.

Schemas are Draft 4 with one format beyond jsonschema's own: names as
every engine stores and compares them alike (names.py says why).
Problems come back as sentences naming the field and what it allows
(:mod:`trove_datastore.schema_messages`), never as a regular
expression.
"""

import jsonschema

from trove_datastore import names
from trove_datastore import schema_messages
from trove_datastore.schema_messages import DESCRIPTION

NAME_FORMAT = 'nfc-trimmed'

FORMATS = jsonschema.FormatChecker()

_VALIDATORS = {}


@FORMATS.checks(NAME_FORMAT, raises=ValueError)
def _name(value):
    # Refused rather than stored: engines compare these differently, or
    # cannot store them at all.
    if isinstance(value, str):
        problem = names.unstorable(value) or names.problem(value)
        if problem:
            raise ValueError(problem)
    return True


def name(max_length):
    """A name or id: 1 to ``max_length`` characters, at least one a letter
    or digit, without leading or trailing whitespace, in NFC form."""
    return {'type': 'string', 'minLength': 1, 'maxLength': max_length,
            'pattern': '^.*[0-9a-zA-Z]+.*$', 'format': NAME_FORMAT,
            DESCRIPTION: 'must hold at least one letter or digit, with no '
                         'leading or trailing whitespace, in Unicode NFC '
                         'form'}


def _validator(schema):
    key = id(schema)
    validator = _VALIDATORS.get(key)
    if validator is None:
        jsonschema.Draft4Validator.check_schema(schema)
        validator = jsonschema.Draft4Validator(
            schema, format_checker=FORMATS)
        _VALIDATORS[key] = validator
    return validator


def problems(schema, document):
    """Every problem of ``document``, one sentence each (none: valid)."""
    return schema_messages.sentences(
        _validator(schema).iter_errors(document))

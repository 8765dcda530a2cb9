"""The shape of one configuration parameter rule: one JSON Schema, checked
by the rules-file loader (rules.py) and by the API's mgmt parameter
bodies (api/schemas/parameters.py, which renames a few fields to the
names troveclient sends).

It says what each field holds. What holds across fields (bounds of the
rule's type and in order, allowed values of its type, what the columns
can store) is checked by :func:`trove_datastore.rules.rule_from_entry`.
An optional field may be null, which means absent.
"""

from trove_datastore import schema
from trove_datastore.schema_messages import DESCRIPTION
from trove_datastore import units

TYPES = ('integer', 'string', 'boolean', 'float', 'list')
NAME_LENGTH = 128
# What the columns hold on every engine, in characters.
DESCRIPTION_LENGTH = 65535
BOUND_LENGTH = 40
ALLOWED_VALUES_COUNT = 1000

_NUMBER_TEXT = {
    'type': 'string', 'maxLength': BOUND_LENGTH,
    'pattern': r'^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$',
    DESCRIPTION: 'must be a number written as text, such as "10" or "0.5"'}

# Files write bounds as numbers; troveclient sends them as given on its
# command line: numbers or text.
BOUND = {'anyOf': [{'type': ['number', 'null']}, _NUMBER_TEXT],
         DESCRIPTION: 'must be a number, null, or a number written as text '
                      'of at most %d characters (such as "10" or "0.5")'
                      % BOUND_LENGTH}


def _switch(optional):
    # Trove takes 0/1 and hand-written files use them; a JSON boolean is
    # what people write.
    choices = [{'type': 'boolean'}, {'type': 'integer', 'enum': [0, 1]}]
    if optional:
        return {'anyOf': choices + [{'type': 'null'}],
                DESCRIPTION: 'must be true, false, 0, 1 or null'}
    return {'anyOf': choices, DESCRIPTION: 'must be true, false, 0 or 1'}


# A list rule's allowed value may itself be a list, as its values may.
_ALLOWED_VALUE = {'type': ['string', 'number', 'boolean', 'array'],
                  'items': {'type': ['string', 'number']}}

FIELDS = {
    'name': schema.name(NAME_LENGTH),
    'type': {'type': 'string', 'enum': list(TYPES)},
    'restart_required': _switch(optional=False),
    'min': BOUND,
    'max': BOUND,
    'description': {'type': ['string', 'null'],
                    'maxLength': DESCRIPTION_LENGTH},
    'allowed_values': {'type': ['array', 'null'], 'minItems': 1,
                       'maxItems': ALLOWED_VALUES_COUNT,
                       'items': _ALLOWED_VALUE},
    'sensitive': _switch(optional=True),
    'dynamic': _switch(optional=True),
    # PostgreSQL's base unit of a numeric parameter (pg_settings.unit).
    'unit': {'type': ['string', 'null'],
             'enum': list(units.BASE_UNITS) + [None]},
}

REQUIRED = ('name', 'type', 'restart_required')

# An entry of a rules file. Other keys are ignored, as Trove ignores them.
ENTRY = {'type': 'object', 'properties': FIELDS, 'required': list(REQUIRED)}


def problems(entry):
    """What is wrong with the shape of a rules-file entry, one sentence
    each (none: it has the shape of a rule)."""
    return schema.problems(ENTRY, entry)

"""Validation rules: the rules-file format and configuration value checks.

A rules file is Trove's ``{"configuration-parameters": [...]}`` document.
Each entry has ``name``, ``restart_required``, ``type`` and optional
``min``/``max``; this service also understands ``description``,
``allowed_values`` (an enumeration), ``sensitive`` (mask values in views)
and ``dynamic`` (applies without a restart). Unknown keys are ignored, as
Trove ignores them.

Bounds are kept as canonical decimal text so that 2^64-1 and float bounds
survive every database engine exactly; they are turned back into numbers
only to render or compare them.
"""

import decimal
import json

from trove_datastore import exception

DOCUMENT_KEY = 'configuration-parameters'
TYPES = ('integer', 'string', 'boolean', 'float', 'list')
NUMERIC_TYPES = ('integer', 'float')
NAME_LENGTH = 128
BOUND_LENGTH = 40
VALUE_LENGTH = 4096
MASK = '***'


class Rule(object):
    """One parameter definition, as stored (bounds as canonical text)."""

    FIELDS = ('name', 'data_type', 'restart_required', 'min_size',
              'max_size', 'description', 'allowed_values', 'sensitive',
              'dynamic')

    def __init__(self, name, data_type, restart_required=False,
                 min_size=None, max_size=None, description=None,
                 allowed_values=None, sensitive=False, dynamic=None):
        self.name = name
        self.data_type = data_type
        self.restart_required = restart_required
        self.min_size = min_size
        self.max_size = max_size
        self.description = description
        self.allowed_values = allowed_values
        self.sensitive = sensitive
        self.dynamic = dynamic

    def columns(self):
        """The stored columns (allowed_values as JSON text)."""
        values = {field: getattr(self, field) for field in self.FIELDS}
        if self.allowed_values is not None:
            values['allowed_values'] = json.dumps(self.allowed_values)
        return values


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def canonical_bound(value, data_type, key='min'):
    """The stored text of a bound, or raise ValueError saying why.

    Integer parameters take integers (and integral floats such as ``1.0``
    or numeric strings, as troveclient sends them); float parameters take
    any number. Other types have no bounds: None.
    """
    if value is None or data_type not in NUMERIC_TYPES:
        return None
    if isinstance(value, str):
        try:
            number = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            raise ValueError('%s %r is not a number' % (key, value))
    elif _is_number(value):
        number = decimal.Decimal(repr(value) if isinstance(value, float)
                                 else value)
    else:
        raise ValueError('%s must be a number, not %s'
                         % (key, type(value).__name__))
    if not number.is_finite():
        raise ValueError('%s must be a finite number' % key)
    if data_type == 'integer':
        if number != number.to_integral_value():
            raise ValueError('%s %s is not an integer' % (key, value))
        text = str(int(number))
    else:
        text = repr(float(number))
    if len(text) > BOUND_LENGTH:
        raise ValueError('%s has more than %d digits' % (key, BOUND_LENGTH))
    return text


def render_bound(text, data_type):
    """A stored bound as a JSON number: int for integers, float for floats
    (None when absent)."""
    if text in (None, ''):
        return None
    number = decimal.Decimal(text)
    if data_type == 'float':
        return float(number)
    return int(number)


def check_bounds(min_text, max_text, data_type):
    if min_text is not None and max_text is not None:
        if decimal.Decimal(min_text) > decimal.Decimal(max_text):
            raise ValueError('min %s is greater than max %s'
                             % (min_text, max_text))


def _boolean(entry, key, default=None):
    value = entry.get(key, default)
    if value is None or isinstance(value, bool):
        return value
    # Hand-written files sometimes use 0/1.
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError('%s must be true or false, not %r' % (key, value))


def _allowed_values(entry, data_type):
    values = entry.get('allowed_values')
    if values is None:
        return None
    if not isinstance(values, list) or not values:
        raise ValueError('allowed_values must be a non-empty list')
    for value in values:
        error = type_error(value, data_type)
        if error:
            raise ValueError('allowed value %r is not of type %s'
                             % (value, data_type))
    return values


def parse_entry(entry):
    """A Rule from one file entry, or raise ValueError saying what is
    wrong."""
    if not isinstance(entry, dict):
        raise ValueError('an entry must be an object')
    name = entry.get('name')
    if not isinstance(name, str) or not name.strip():
        raise ValueError('name must be a non-empty string')
    if len(name) > NAME_LENGTH:
        raise ValueError('name is longer than %d characters' % NAME_LENGTH)
    data_type = entry.get('type')
    if data_type not in TYPES:
        raise ValueError('type must be one of %s, not %r'
                         % (', '.join(TYPES), data_type))
    if 'restart_required' not in entry:
        raise ValueError('restart_required is missing')
    restart_required = _boolean(entry, 'restart_required')
    if restart_required is None:
        raise ValueError('restart_required must be true or false')
    min_size = canonical_bound(entry.get('min'), data_type, 'min')
    max_size = canonical_bound(entry.get('max'), data_type, 'max')
    check_bounds(min_size, max_size, data_type)
    description = entry.get('description')
    if description is not None and not isinstance(description, str):
        raise ValueError('description must be a string')
    return Rule(name=name, data_type=data_type,
                restart_required=restart_required,
                min_size=min_size, max_size=max_size,
                description=description,
                allowed_values=_allowed_values(entry, data_type),
                sensitive=bool(_boolean(entry, 'sensitive', False)),
                dynamic=_boolean(entry, 'dynamic'))


def _invalid(detail):
    # An operator fixes the file from this message: name every problem,
    # however long the list (client echoes are shortened, this is not one).
    return exception.RulesFileInvalid(
        exception.RulesFileInvalid.message % {'detail': detail})


class ParsedRules(object):
    """The rules of one file: ``rules`` (last entry of a name wins) and the
    names given more than once."""

    def __init__(self, rules, duplicates):
        self.rules = rules
        self.duplicates = duplicates


def parse_document(document):
    """Check a whole rules document; raise RulesFileInvalid naming every
    bad entry (index and name) and what is wrong with it."""
    if not isinstance(document, dict) or not isinstance(
            document.get(DOCUMENT_KEY), list):
        raise _invalid(
            'the file must be an object with a "%s" list'
                   % DOCUMENT_KEY)
    problems = []
    by_name = {}
    duplicates = []
    for index, entry in enumerate(document[DOCUMENT_KEY]):
        try:
            rule = parse_entry(entry)
        except ValueError as error:
            name = entry.get('name') if isinstance(entry, dict) else None
            problems.append('entry %d (%s): %s'
                            % (index, 'name %r' % name if name is not None
                               else 'no name', error))
            continue
        folded = rule.name.lower()
        if folded in by_name and by_name[folded].name != rule.name:
            # Values match names case-insensitively: both would be one.
            problems.append('entry %d (name %r): differs only in case from '
                            'parameter %r' % (index, rule.name,
                                              by_name[folded].name))
            continue
        if folded in by_name and rule.name not in duplicates:
            duplicates.append(rule.name)
        by_name[folded] = rule
    if problems:
        raise _invalid('; '.join(problems))
    return ParsedRules(list(by_name.values()), duplicates)


def load_file(path):
    """Parse and check the rules file at ``path``."""
    try:
        with open(path, encoding='utf-8') as rules_file:
            document = json.load(rules_file)
    except OSError as error:
        raise _invalid(
            'cannot read %s: %s' % (path, error.strerror or error))
    except ValueError as error:
        raise _invalid(
            '%s is not valid JSON: %s' % (path, error))
    return parse_document(document)


# Configuration values.

def type_error(value, data_type):
    """Whether ``value`` is not of the rule's type (True when wrong)."""
    if data_type == 'integer':
        return not isinstance(value, int) or isinstance(value, bool)
    if data_type == 'float':
        # An integer is a fine float; a boolean is neither.
        return not _is_number(value)
    if data_type == 'boolean':
        return not isinstance(value, bool)
    if data_type == 'string':
        return not isinstance(value, str)
    if data_type == 'list':
        if isinstance(value, str):
            return False
        return not isinstance(value, list) or not all(
            isinstance(item, str) or _is_number(item) for item in value)
    return True


def _same(value, allowed):
    if isinstance(value, str) and isinstance(allowed, str):
        # Servers read enumerations case-insensitively (ON/on, FULL/full).
        return value.lower() == allowed.lower()
    if isinstance(value, bool) or isinstance(allowed, bool):
        return value is allowed
    return value == allowed


def _check_one(key, value, rule, where):
    if rule.data_type not in TYPES:
        raise exception.UnsupportedParameterType(
            name=rule.name, data_type=rule.data_type)
    if type_error(value, rule.data_type):
        raise exception.ConfigurationValueWrongType(
            key=key, data_type=rule.data_type)
    if rule.data_type in NUMERIC_TYPES:
        number = decimal.Decimal(repr(value) if isinstance(value, float)
                                 else value)
        if rule.min_size not in (None, '') and \
                number < decimal.Decimal(rule.min_size):
            raise exception.ConfigurationValueTooSmall(
                key=key, min=render_bound(rule.min_size, rule.data_type))
        if rule.max_size not in (None, '') and \
                number > decimal.Decimal(rule.max_size):
            raise exception.ConfigurationValueTooLarge(
                key=key, max=render_bound(rule.max_size, rule.data_type))
    allowed = allowed_values(rule)
    if allowed is not None and not any(_same(value, a) for a in allowed):
        raise exception.ConfigurationValueNotAllowed(
            key=key, allowed=', '.join(str(a) for a in allowed))
    text = encode_value(value)
    if len(text) > VALUE_LENGTH:
        raise exception.ConfigurationValueTooLong(key=key,
                                                  length=VALUE_LENGTH)
    return text


def allowed_values(rule):
    raw = rule.allowed_values
    if raw in (None, ''):
        return None
    return json.loads(raw) if isinstance(raw, str) else raw


def validate_values(values, rules_by_name, where):
    """Check ``values`` against the rules of one version.

    ``rules_by_name`` maps lower-cased rule names to rules; ``where`` names
    the datastore and version for messages. Returns ``{canonical name:
    JSON text}``; raises an UnprocessableEntity error for the first bad
    value.
    """
    checked = {}
    for key in sorted(values):
        rule = rules_by_name.get(key.lower())
        if rule is None:
            raise exception.ConfigurationParameterNotSupported(
                key=key, where=where)
        if rule.name in checked:
            raise exception.ConfigurationValueRepeated(key=key,
                                                       name=rule.name)
        checked[rule.name] = _check_one(key, values[key], rule, where)
    return checked


def encode_value(value):
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'))


def decode_value(text):
    try:
        return json.loads(text)
    except ValueError:
        # Written by something else than this service: show it as it is.
        return text

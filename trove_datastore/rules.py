"""Validation rules: the rules-file format and configuration value checks.

A rules file is Trove's ``{"configuration-parameters": [...]}`` document.
Each entry has ``name``, ``restart_required``, ``type`` and optional
``min``/``max``; this service also understands ``description``,
``allowed_values`` (an enumeration), ``sensitive`` (mask values in views),
``dynamic`` (applies without a restart) and ``unit`` (PostgreSQL's base
unit of a numeric parameter, ``pg_settings.unit``: values may then carry
units, see units.py). Unknown keys are ignored, as Trove ignores them.
Each entry has the shape rule_schema.py declares, which the API's bodies
have too. JSON has no NaN or Infinity: a file holding one is refused.

Bounds are kept as canonical decimal text so that 2^64-1 and float bounds
survive every database engine exactly; they are turned back into numbers
only to render or compare them.
"""

import decimal
import json
import math

from trove_datastore import coercion
from trove_datastore import exception
from trove_datastore import names
from trove_datastore import rule_schema

DOCUMENT_KEY = 'configuration-parameters'
NUMERIC_TYPES = ('integer', 'float')
# Allowed values are stored as ASCII JSON text, which MariaDB's TEXT holds
# 65535 characters of.
ALLOWED_VALUES_LENGTH = 65535
VALUE_LENGTH = 4096
MASK = '***'

# Shared with value coercion (views render bounds through rules too).
_is_number = coercion.is_number
render_bound = coercion.render_bound


class Rule(object):
    """One parameter definition, as stored (bounds as canonical text)."""

    FIELDS = ('name', 'data_type', 'restart_required', 'min_size',
              'max_size', 'description', 'allowed_values', 'sensitive',
              'dynamic', 'unit')

    def __init__(self, name, data_type, restart_required=False,
                 min_size=None, max_size=None, description=None,
                 allowed_values=None, sensitive=False, dynamic=None,
                 unit=None):
        self.name = name
        self.data_type = data_type
        self.restart_required = restart_required
        self.min_size = min_size
        self.max_size = max_size
        self.description = description
        self.allowed_values = allowed_values
        self.sensitive = sensitive
        self.dynamic = dynamic
        self.unit = unit

    def columns(self):
        """The stored columns (allowed_values as JSON text)."""
        values = {field: getattr(self, field) for field in self.FIELDS}
        if self.allowed_values is not None:
            values['allowed_values'] = json.dumps(self.allowed_values)
        return values


class BoundsOutOfOrder(ValueError):
    """A rule's min is greater than its max."""


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
        # Checked before int(), which would take a long time writing out
        # "1e99999999" digit by digit.
        if number.adjusted() >= rule_schema.BOUND_LENGTH:
            raise ValueError('%s has more than %d digits'
                             % (key, rule_schema.BOUND_LENGTH))
        if number != number.to_integral_value():
            raise ValueError('%s %s is not an integer' % (key, value))
        text = str(int(number))
    else:
        approximate = float(number)
        if not math.isfinite(approximate):
            raise ValueError('%s is too large for a float' % key)
        text = repr(approximate)
    if len(text) > rule_schema.BOUND_LENGTH:
        raise ValueError('%s has more than %d digits'
                         % (key, rule_schema.BOUND_LENGTH))
    return text


def check_bounds(min_text, max_text, data_type, bound_names=('min', 'max')):
    if min_text is not None and max_text is not None:
        if decimal.Decimal(min_text) > decimal.Decimal(max_text):
            raise BoundsOutOfOrder('%s %s is greater than %s %s'
                                   % (bound_names[0], min_text,
                                      bound_names[1], max_text))


def _allowed_values(values, data_type):
    """Allowed values of the rule's type that every column can store."""
    for value in values:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError('allowed value %s is not a number JSON allows'
                             % _constant_name(value))
        if type_error(value, data_type):
            raise ValueError('allowed value %r is not of type %s'
                             % (value, data_type))
        if isinstance(value, str) and names.unstorable(value):
            raise ValueError('allowed value %r %s'
                             % (value[:40], names.unstorable(value)))
    if len(json.dumps(values)) > ALLOWED_VALUES_LENGTH:
        raise ValueError('allowed_values take more than %d characters as '
                         'JSON' % ALLOWED_VALUES_LENGTH)
    return values


def _constant_name(number):
    """How JSON writers spell a non-finite float (NaN, -Infinity)."""
    if math.isnan(number):
        return 'NaN'
    return 'Infinity' if number > 0 else '-Infinity'


def rule_from_entry(entry, bound_names=('min', 'max')):
    """The Rule an entry of the rule schema's shape describes (rule_schema
    has checked each field), or raise ValueError saying what does not
    hold across its fields. ``bound_names`` are the names the caller's
    document gives the bounds, for messages."""
    data_type = entry['type']
    min_size = canonical_bound(entry.get('min'), data_type, bound_names[0])
    max_size = canonical_bound(entry.get('max'), data_type, bound_names[1])
    check_bounds(min_size, max_size, data_type, bound_names)
    description = entry.get('description')
    if description is not None and names.unstorable(description):
        raise ValueError('description %s' % names.unstorable(description))
    allowed = entry.get('allowed_values')
    dynamic = entry.get('dynamic')
    return Rule(name=entry['name'], data_type=data_type,
                restart_required=bool(entry['restart_required']),
                min_size=min_size, max_size=max_size,
                description=description,
                allowed_values=None if allowed is None
                else _allowed_values(allowed, data_type),
                sensitive=bool(entry.get('sensitive')),
                dynamic=None if dynamic is None else bool(dynamic),
                # Like bounds, a unit means nothing to other types.
                unit=entry.get('unit') if data_type in NUMERIC_TYPES
                else None)


def parse_entry(entry):
    """A Rule from one file entry, or raise ValueError saying everything
    that is wrong with its shape, else the first thing across fields."""
    problems = rule_schema.problems(entry)
    if problems:
        raise ValueError(' '.join(problems).rstrip('.'))
    return rule_from_entry(entry)


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
        if not isinstance(entry, dict):
            problems.append('entry %d: an entry must be an object' % index)
            continue
        try:
            rule = parse_entry(entry)
        except ValueError as error:
            name = entry.get('name')
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
    # Python's json reads NaN and Infinity, which strict clients of the
    # parameter lists could not: the entries holding one are named by
    # parse_document, and one anywhere else still refuses the file.
    constants = []

    def constant(name):
        constants.append(name)
        return float(name)

    try:
        with open(path, encoding='utf-8') as rules_file:
            document = json.load(rules_file, parse_constant=constant)
    except OSError as error:
        raise _invalid(
            'cannot read %s: %s' % (path, error.strerror or error))
    except ValueError as error:
        raise _invalid(
            '%s is not valid JSON: %s' % (path, error))
    parsed = parse_document(document)
    if constants:
        raise _invalid('%s holds %s, which JSON does not allow'
                       % (path, ', '.join(sorted(set(constants)))))
    return parsed


# Configuration values: coerced to the rule's canonical form (coercion.py)
# before they are checked and stored.

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


def _canonical(key, value, rule):
    """The value in the rule's canonical form, or raise the error that
    says why it cannot be."""
    if rule.data_type not in rule_schema.TYPES:
        raise exception.UnsupportedParameterType(
            name=rule.name, data_type=rule.data_type)
    if rule.data_type == 'boolean':
        return coercion.boolean(key, value)
    if rule.data_type in NUMERIC_TYPES:
        return coercion.number(key, value, rule)
    if type_error(value, rule.data_type):
        raise exception.ConfigurationValueWrongType(
            key=key, data_type=rule.data_type)
    return value


def value_length(value):
    """A value's length as its limit counts it: a string's own characters
    (not its JSON text, whose quotes and escapes are the service's
    business), else the characters of its JSON text."""
    if isinstance(value, str):
        return len(value)
    return len(encode_value(value))


def _check_one(key, value, rule):
    canonical = _canonical(key, value, rule)
    allowed = allowed_values(rule)
    if allowed is not None and not any(_same(canonical, a)
                                       for a in allowed):
        raise exception.ConfigurationValueNotAllowed(
            key=key, allowed=', '.join(str(a) for a in allowed))
    if value_length(canonical) > VALUE_LENGTH:
        raise exception.ConfigurationValueTooLong(key=key,
                                                  length=VALUE_LENGTH)
    return encode_value(canonical)


def allowed_values(rule):
    raw = rule.allowed_values
    if raw in (None, ''):
        return None
    return json.loads(raw) if isinstance(raw, str) else raw


def _check_all(values, rules_by_name, where):
    """(checked, [(key, error)]) for every value, in key order."""
    checked, errors, seen = {}, [], {}
    for key in sorted(values):
        rule = rules_by_name.get(key.lower())
        if rule is None:
            errors.append((key, exception.ConfigurationParameterNotSupported(
                key=key, where=where)))
            continue
        if rule.name in seen:
            errors.append((key, exception.ConfigurationValueRepeated(
                key=key, name=rule.name)))
            continue
        seen[rule.name] = key
        try:
            checked[rule.name] = _check_one(key, values[key], rule)
        except exception.TroveDatastoreError as error:
            errors.append((key, error))
    return checked, errors


def check_values(values, rules_by_name, where):
    """-> (checked, problems): checked maps canonical rule name -> stored
    JSON text for the good values; problems is a list of one-line strings,
    one per bad value, sorted by key, each the same sentence the
    single-error exception would carry.

    ``rules_by_name`` maps lower-cased rule names to rules (rows or Rule
    objects); ``where`` names the datastore and version for messages.
    """
    checked, errors = _check_all(values, rules_by_name, where)
    return checked, [str(error) for _, error in errors]


def validate_values(values, rules_by_name, where):
    """Check ``values`` against the rules of one version and return
    ``{canonical name: JSON text}``.

    One bad value raises its own error (Trove's message); several raise
    ConfigurationValuesInvalid, one line each.
    """
    checked, errors = _check_all(values, rules_by_name, where)
    if len(errors) == 1:
        raise errors[0][1]
    if errors:
        raise exception.ConfigurationValuesInvalid(
            [str(error) for _, error in errors])
    return checked


def encode_value(value):
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'))


def decode_value(text):
    try:
        return json.loads(text)
    except ValueError:
        # Written by something else than this service: show it as it is.
        return text

"""Configuration values as the engines read them.

A value a Trove user sends today keeps working and is stored in one
canonical form (doc/source/api/configurations.rst, "How values are read"):

- boolean rules take JSON true/false, 1/0, and the words the engines take
  in any case (true/false, on/off, yes/no, 1/0); stored as true/false;
- integer rules whose bounds lie within 0..1 (Trove's files describe
  MariaDB's autocommit that way) take JSON true/false too; stored as 1/0;
- integer and float rules take numbers written as text ("60", " 2.5 ") and,
  when the rule has a PostgreSQL unit, amounts with units ("1min", "64MB"),
  converted to the base unit as PostgreSQL converts them (units.py) and
  then checked against the bounds. A fractional amount without a unit is
  not an integer; a non-zero amount that rounds to 0 is refused (0 often
  means "off").
"""

import decimal
import fractions

from trove_datastore import exception
from trove_datastore import units


def is_number(value):
    """A JSON number (a boolean is none)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def render_bound(text, data_type):
    """A stored bound as a JSON number: int for integers, float for floats
    (None when absent)."""
    if text in (None, ''):
        return None
    number = decimal.Decimal(text)
    if data_type == 'float':
        return float(number)
    return int(number)


BOOLEAN_WORDS = {'true': True, 'on': True, 'yes': True, '1': True,
                 'false': False, 'off': False, 'no': False, '0': False}


def exact(value):
    """A JSON number or bound text as an exact fraction (floats by their
    shortest decimal form, as they were written)."""
    if isinstance(value, float):
        value = repr(value)
    return fractions.Fraction(value)


def _switch(rule):
    """Whether an integer rule is an on/off switch (bounds within 0..1),
    as Trove's files describe MariaDB's autocommit."""
    return (rule.min_size not in (None, '') and rule.max_size not in
            (None, '') and exact(rule.min_size) >= 0
            and exact(rule.max_size) <= 1)


class _Amount(object):
    """A numeric value in the rule's base unit, and what the user wrote
    when a unit was converted (for messages)."""

    def __init__(self, number, written=None, given=None):
        self.number = number
        self.written = written
        # A JSON number sent as such is stored as it came (2.0 stays 2.0).
        self.given = given


def boolean(key, value):
    """A boolean value as the engines write them: JSON true/false, 1/0,
    or true/false, on/off, yes/no, 1/0 in any case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in BOOLEAN_WORDS:
        return BOOLEAN_WORDS[value.strip().lower()]
    raise exception.ConfigurationValueWrongType(key=key, data_type='boolean')


def _numeric_value(key, value, rule):
    integer = rule.data_type == 'integer'
    wrong = exception.ConfigurationValueWrongType(key=key,
                                                  data_type=rule.data_type)
    if isinstance(value, bool):
        if integer and _switch(rule):
            return _Amount(fractions.Fraction(int(value)), given=int(value))
        raise wrong
    if is_number(value):
        if integer and not isinstance(value, int):
            raise wrong
        return _Amount(exact(value), given=value)
    if not isinstance(value, str):
        raise wrong
    try:
        parsed = units.parse_amount(value)
    except ValueError:
        # More digits than Python converts (sys.get_int_max_str_digits).
        parsed = None
    if parsed is None:
        raise wrong
    number, unit = parsed
    if unit is None:
        if integer and number.denominator != 1:
            raise wrong
        return _Amount(number)
    base_unit = getattr(rule, 'unit', None)
    if not units.is_unit(base_unit):
        raise wrong
    written = value.strip()
    try:
        amount = units.to_base(number, unit, base_unit)
    except units.UnitError as error:
        raise exception.ConfigurationValueBadUnit(
            key=key, value=written, units=', '.join(error.units))
    if integer:
        amount = fractions.Fraction(round(amount))
    if amount == 0 and number != 0:
        # 0 often means "off" (statement_timeout): never reach it by
        # rounding something the user meant to be more.
        raise exception.ConfigurationValueRoundsToZero(
            key=key, value=written, unit=units.describe(base_unit))
    return _Amount(amount, written)


def _render(number, rule):
    """An exact amount as the JSON number stored: an int when whole, a
    float rule's always within a double (OverflowError beyond)."""
    if rule.data_type == 'integer':
        return int(number)
    approximate = float(number)
    if number.denominator == 1 and abs(number) <= 2 ** 53:
        return int(number)
    return approximate


def _bound_text(bound, amount, rule):
    shown = render_bound(bound, rule.data_type)
    if amount.written is None:
        return shown
    unit = units.describe(rule.unit)
    try:
        converted = _render(amount.number, rule)
    except OverflowError:
        converted = format(decimal.Decimal(amount.number.numerator)
                           / amount.number.denominator, '.6E')
    return '%s %s (%s is %s %s)' % (shown, unit, amount.written, converted,
                                   unit)


def _check_bounds(key, amount, rule):
    """The amount within the rule's bounds, as the JSON number stored."""
    if rule.min_size not in (None, '') and \
            amount.number < exact(rule.min_size):
        raise exception.ConfigurationValueTooSmall(
            key=key, min=_bound_text(rule.min_size, amount, rule))
    if rule.max_size not in (None, '') and \
            amount.number > exact(rule.max_size):
        raise exception.ConfigurationValueTooLarge(
            key=key, max=_bound_text(rule.max_size, amount, rule))
    if amount.given is not None:
        return amount.given
    try:
        return _render(amount.number, rule)
    except OverflowError:
        # Beyond a double, and no maximum said so.
        raise exception.ConfigurationValueWrongType(
            key=key, data_type=rule.data_type)


def number(key, value, rule):
    """An integer or float value in the rule's base unit, within its
    bounds, as the JSON number to store; or raise the error that says why
    it is not one."""
    return _check_bounds(key, _numeric_value(key, value, rule), rule)

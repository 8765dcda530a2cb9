"""PostgreSQL's units for memory and time settings, read as it reads them.

A rule's ``unit`` is the parameter's base unit as ``pg_settings.unit``
shows it: ``B``, ``kB``, ``MB``, a block size such as ``8kB`` (8192-byte
blocks) or ``16MB`` (WAL segments before PostgreSQL 11), or a time unit
``us``, ``ms``, ``s``, ``min``, ``h`` or ``d``. A value may then be
written with any unit of the same kind: memory units are powers of 1024
of bytes (``B``, ``kB``, ``MB``, ``GB``, ``TB``), time units ``us``,
``ms``, ``s``, ``min``, ``h``, ``d``. Unit names are case-sensitive, as
PostgreSQL's are.

As PostgreSQL 12 and later do, a fractional amount (``1.5GB``) is first
rounded to a whole number of the next smaller unit (``1536MB``), and an
integer setting is then rounded to the nearest whole base unit (half to
even, as C's ``rint``). Arithmetic is exact (fractions), so a conversion
never depends on binary floating point.
"""

import fractions
import re

# Largest first: a fractional amount is rounded to the next entry's size.
MEMORY = (('TB', 1024 ** 4), ('GB', 1024 ** 3), ('MB', 1024 ** 2),
          ('kB', 1024), ('B', 1))
TIME = (('d', 86400000000), ('h', 3600000000), ('min', 60000000),
        ('s', 1000000), ('ms', 1000), ('us', 1))

# Block sizes PostgreSQL can be built with (BLCKSZ, XLOG_BLCKSZ), and the
# WAL segment unit older servers show.
_BLOCKS = tuple('%dkB' % size for size in (1, 2, 4, 8, 16, 32)) + ('16MB',)
BASE_UNITS = (tuple(name for name, _ in MEMORY) + _BLOCKS
              + tuple(name for name, _ in TIME))

_AMOUNT = re.compile(
    r'^\s*(?P<number>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)'
    # An exponent of at most three digits: 1e999999999 would take
    # minutes to turn into an exact fraction.
    r'(?:[eE][-+]?[0-9]{1,3})?)\s*(?P<unit>[A-Za-z]+)?\s*$')
_BLOCK = re.compile(r'^(?P<count>[1-9][0-9]*)(?P<unit>kB|MB)$')


class UnitError(ValueError):
    """A value's unit is not one of the units its parameter takes."""

    def __init__(self, units):
        self.units = units
        super().__init__('valid units are %s' % ', '.join(units))


def _scale(base_unit):
    """(the table of base_unit's kind, base_unit's size in that table's
    smallest unit), or None for a name that is no unit."""
    for table in (MEMORY, TIME):
        sizes = dict(table)
        if base_unit in sizes:
            return table, sizes[base_unit]
    block = _BLOCK.match(base_unit or '')
    if block:
        return MEMORY, int(block.group('count')) * dict(MEMORY)[
            block.group('unit')]
    return None


def is_unit(name):
    return name in BASE_UNITS


def parse_amount(text):
    """(number as an exact Fraction, unit name or None) of a string such as
    ``" 1.5min"``, or None when the text is not a number."""
    found = _AMOUNT.match(text)
    if found is None:
        return None
    return fractions.Fraction(found.group('number')), found.group('unit')


def to_base(number, unit, base_unit):
    """``number`` ``unit`` in ``base_unit`` (a Fraction), as PostgreSQL
    converts it; UnitError when ``unit`` is not of ``base_unit``'s kind."""
    table, base_size = _scale(base_unit)
    names = [name for name, _ in table]
    if unit not in names:
        raise UnitError(names)
    index = names.index(unit)
    amount = number * table[index][1]
    if index + 1 < len(table):
        step = table[index + 1][1]
        amount = fractions.Fraction(round(amount / step) * step)
    return amount / base_size


def describe(base_unit):
    """How a message names an amount of ``base_unit`` (``s``, or
    ``blocks of 8kB``)."""
    if _BLOCK.match(base_unit or '') and base_unit not in dict(MEMORY):
        return 'blocks of %s' % base_unit
    return base_unit

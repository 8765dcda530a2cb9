"""PostgreSQL's memory and time units, converted as PostgreSQL does."""

import fractions

import testtools

from trove_datastore import units


def _base(text, base_unit):
    number, unit = units.parse_amount(text)
    return units.to_base(number, unit, base_unit)


class TestUnits(testtools.TestCase):

    def test_memory_is_powers_of_1024_bytes(self):
        self.assertEqual(1024, _base('1MB', 'kB'))
        self.assertEqual(1024 ** 3, _base('1GB', 'B'))
        self.assertEqual(1024 ** 2, _base('1TB', 'MB'))
        self.assertEqual(fractions.Fraction(1, 2), _base('512kB', 'MB'))

    def test_block_units(self):
        self.assertEqual(16384, _base('128MB', '8kB'))
        self.assertEqual(1, _base('8kB', '8kB'))
        self.assertEqual(64, _base('1GB', '16MB'))
        self.assertEqual('blocks of 8kB', units.describe('8kB'))
        self.assertEqual('kB', units.describe('kB'))
        self.assertEqual('s', units.describe('s'))

    def test_time(self):
        self.assertEqual(60, _base('1min', 's'))
        self.assertEqual(86400000, _base('1d', 'ms'))
        self.assertEqual(60, _base('1h', 'min'))
        self.assertEqual(fractions.Fraction(1, 1000), _base('1us', 'ms'))

    def test_fractions_round_to_the_next_smaller_unit(self):
        # As PostgreSQL 12+: 1.5GB is 1536MB; 0.3333min is 20s (not
        # 19.998s); the smallest unit is not rounded.
        self.assertEqual(1536 * 1024, _base('1.5GB', 'kB'))
        self.assertEqual(20, _base('0.3333min', 's'))
        self.assertEqual(fractions.Fraction(1, 2000), _base('0.5us', 'ms'))
        # Halves go to even, as with C's rint.
        self.assertEqual(0, _base('0.0005s', 'ms'))
        self.assertEqual(2, _base('0.0015s', 'ms'))
        self.assertEqual(2, _base('0.0025s', 'ms'))

    def test_parse_amount(self):
        self.assertEqual((60, None), units.parse_amount(' 60 '))
        self.assertEqual((fractions.Fraction(3, 2), 'min'),
                         units.parse_amount('1.5 min '))
        self.assertEqual((-1, 'ms'), units.parse_amount('-1ms'))
        self.assertEqual((1000, None), units.parse_amount('1e3'))
        self.assertEqual((fractions.Fraction(1, 2), 'GB'),
                         units.parse_amount('.5GB'))
        # A letter after a number is a unit (checked by to_base).
        self.assertEqual((1, 'e'), units.parse_amount('1e'))
        for text in ('', 'min', '1 2', '1e9999', '0x10', '1.2.3',
                     '1 min s', 'NaN', 'inf'):
            self.assertIsNone(units.parse_amount(text), text)

    def test_wrong_kind_of_unit(self):
        error = self.assertRaises(units.UnitError, units.to_base, 1, 'MB',
                                  's')
        self.assertEqual(['d', 'h', 'min', 's', 'ms', 'us'], error.units)
        self.assertRaises(units.UnitError, units.to_base, 1, 'KB', 'kB')
        self.assertRaises(units.UnitError, units.to_base, 1, 'sec', 's')

    def test_known_base_units(self):
        for unit in ('B', 'kB', 'MB', '8kB', '16MB', 'us', 'ms', 's',
                     'min', 'h', 'd'):
            self.assertTrue(units.is_unit(unit), unit)
        for unit in ('KB', 'mb', '0kB', 'sec', '', None, 8):
            self.assertFalse(units.is_unit(unit), unit)

"""How a rule's bound is written into Trove's VARCHAR(40) columns."""

import testtools

from trove_datastore.interop import report
from trove_datastore.interop import trove_publish

RULE = {'name': 'max_connections', 'datastore_version_id': 'v1'}


class PublishedBoundTest(testtools.TestCase):

    def bound(self, text):
        found = report.Report('Published')
        return trove_publish._trove_bound(text, RULE, found), found.adjusted

    def test_whole_numbers_go_as_integers(self):
        self.assertEqual(('100', []), self.bound('100.0'))
        self.assertEqual(('1' + '0' * 39, []), self.bound('1e39'))

    def test_a_bound_beyond_trove_column_is_left_out_and_said(self):
        value, adjusted = self.bound('1e40')
        self.assertIsNone(value)
        self.assertEqual(1, len(adjusted))
        self.assertIn("rule 'max_connections' of version v1: Trove holds "
                      "bounds of up to 40 digits; published without the "
                      "bound 1e40", adjusted[0])

    def test_a_fraction_is_left_out_and_said(self):
        value, adjusted = self.bound('0.5')
        self.assertIsNone(value)
        self.assertIn('Trove shows only whole-number bounds', adjusted[0])

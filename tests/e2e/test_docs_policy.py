"""The Keystone guide's policy example passes oslopolicy-validator.

doc/source/install/keystone.rst shows a policy.yaml and tells the reader
to check it with ``oslopolicy-validator --namespace trove_datastore
--config-file /etc/trove/trove.conf``. This test takes the example out of
the guide as printed, points a trove.conf at it and runs the real
validator installed next to the test's Python, as the guide does.
"""

import os
import re
import subprocess
import sys

import fixtures
import testtools

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
GUIDE = os.path.join(REPO, 'doc', 'source', 'install', 'keystone.rst')
VALIDATOR = os.path.join(os.path.dirname(sys.executable),
                         'oslopolicy-validator')


def yaml_blocks(text):
    """The bodies of the ``.. code-block:: yaml`` directives of an .rst
    text, unindented."""
    blocks = []
    for match in re.finditer(r'^\.\. code-block:: yaml\n\n((?:   .*\n|\n)+)',
                             text, re.MULTILINE):
        lines = [line[3:] for line in match.group(1).splitlines()]
        blocks.append('\n'.join(lines).strip() + '\n')
    return blocks


class KeystoneGuidePolicyTest(testtools.TestCase):

    def validate(self, policy_text):
        tmp = self.useFixture(fixtures.TempDir()).path
        policy = os.path.join(tmp, 'policy.yaml')
        conf = os.path.join(tmp, 'trove.conf')
        with open(policy, 'w') as out:
            out.write(policy_text)
        with open(conf, 'w') as out:
            out.write('[oslo_policy]\npolicy_file = %s\n' % policy)
        return subprocess.run(
            [VALIDATOR, '--namespace', 'trove_datastore', '--config-file',
             conf], capture_output=True, text=True, timeout=120)

    def test_the_guide_example_validates(self):
        with open(GUIDE) as guide:
            blocks = yaml_blocks(guide.read())
        self.assertEqual(1, len(blocks), blocks)
        self.assertIn('"datastore_version:create"', blocks[0])
        result = self.validate(blocks[0])
        self.assertEqual(0, result.returncode,
                         result.stdout + result.stderr)

    def test_the_validator_refuses_an_alias_rule(self):
        # What the guide explains: a rule the service does not define is
        # refused, so the example cannot use one.
        result = self.validate(
            '"datastore_operator": "role:datastore-operator or rule:admin"\n'
            '"datastore_version:create": "rule:datastore_operator"\n')
        self.assertEqual(1, result.returncode)
        self.assertIn('Unknown rule found in policy file: datastore_operator',
                      result.stdout + result.stderr)

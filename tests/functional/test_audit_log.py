"""Every administrator's write leaves one INFO line: who, what, which
resource, and nothing from the body or the headers."""

import logging

import fixtures
import testscenarios

from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

ADMIN = 'root-user:%s:admin' % api_base.PROJECT
MGMT = '/mgmt/datastore-versions'


class TestAuditLog(api_base.ApiTestCase):

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def setUp(self):
        super().setUp()
        self.log = self.useFixture(fixtures.FakeLogger(
            name='trove_datastore.audit', level=logging.INFO,
            format='%(levelname)s %(message)s'))

    def lines(self):
        return [line for line in self.log.output.splitlines() if line]

    def test_each_admin_write_is_one_line_naming_who_what_and_which(self):
        created = self.post(MGMT, {'version': {
            'name': '5.7.29', 'datastore_name': 'mysql',
            'datastore_manager': 'mysql', 'active': True,
            'image_tags': ['trove', 'mysql'],
            'packages': ['s3cr3t-package']}}, token=ADMIN)
        self.assertEqual(202, created.status_int, created.text)
        version_id = self.version_id('5.7.29')
        self.patch('%s/%s' % (MGMT, version_id),
                   {'packages': ['other-s3cr3t']}, token=ADMIN)
        self.delete('%s/%s' % (MGMT, version_id), token=ADMIN)
        base = '/v1.0/%s%s' % (api_base.PROJECT, MGMT)
        self.assertEqual([
            'INFO audit: user root-user project %s POST %s -> 202 created %s'
            % (api_base.PROJECT, base, version_id),
            'INFO audit: user root-user project %s PATCH %s/%s -> 202'
            % (api_base.PROJECT, base, version_id),
            'INFO audit: user root-user project %s DELETE %s/%s -> 202'
            % (api_base.PROJECT, base, version_id)], self.lines())
        self.assertNotIn('s3cr3t', self.log.output)
        self.assertNotIn(ADMIN, self.log.output)

    def test_reads_and_members_writes_leave_no_line(self):
        self.get(MGMT, token=ADMIN)
        self.get('/datastores')
        self.post('/configurations', {'configuration': {
            'name': 'mine', 'values': {}}},
            token=api_base.member_token())
        self.assertEqual([], self.lines())

"""The request context is what the middleware saw (oslo.context's
from_environ), and a 500 names the request id its header carries."""

from unittest import mock
import uuid

import testscenarios

from tests.fixtures import api_base
from trove_datastore.manager import datastores as datastores_manager

load_tests = testscenarios.load_tests_apply_scenarios


class TestRequestContext(api_base.ApiTestCase):

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def seen_by_the_manager(self, headers, token=None):
        """(context the manager was called with, the response)."""
        seen = []

        def list_datastores(context, *args, **kwargs):
            seen.append(context)
            raise RuntimeError('unexpected')
        with mock.patch.object(datastores_manager, 'list_datastores',
                               side_effect=list_datastores):
            response = self.get('/datastores', headers=headers, token=token)
        return seen[0], response

    def test_request_and_global_request_ids_are_the_middlewares(self):
        calling = 'req-%s' % uuid.uuid4()
        context, response = self.seen_by_the_manager(
            {'X-OpenStack-Request-Id': calling})
        own = response.headers['X-OpenStack-Request-Id']
        self.assertNotEqual(calling, own)
        self.assertEqual(own, context.request_id)
        self.assertEqual(calling, context.global_request_id)
        message = self.assertFault(response, 500, 'instanceFault')
        # The id to quote to an operator is the one in the header.
        self.assertIn('(%s)' % own, message)

    def test_roles_and_identity_come_from_the_identity_headers(self):
        context, _ = self.seen_by_the_manager(
            {}, token=api_base.member_token(user='bob'))
        self.assertEqual('bob', context.user_id)
        self.assertEqual(api_base.PROJECT, context.project_id)
        self.assertEqual(['member'], context.roles)
        self.assertFalse(context.is_admin)

    def test_service_token_roles_reach_the_context(self):
        # Headers keystonemiddleware sets for a valid X-Service-Token
        # (here, under noauth, sent as is).
        context, _ = self.seen_by_the_manager({
            'X-Service-User-Id': 'nova-user',
            'X-Service-Project-Id': 'service',
            'X-Service-Roles': 'service,admin'})
        self.assertEqual('nova-user', context.service_user_id)
        self.assertEqual('service', context.service_project_id)
        self.assertEqual(['service', 'admin'], context.service_roles)

    def test_a_malformed_global_request_id_is_not_taken(self):
        context, _ = self.seen_by_the_manager(
            {'X-OpenStack-Request-Id': 'not-an-id'})
        self.assertIsNone(context.global_request_id)

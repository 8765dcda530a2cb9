"""Foreign-key refusals are 409s naming what vanished or is in use.

Each story makes the real database refuse a write the way a lost race
does (the row referred to is deleted first, or a deleted row is still
referred to) and checks what the API and trove-manage make of the
refusal: a contract-shaped 409, never a 500.
"""

import uuid

from oslo_db import exception as db_exc
import sqlalchemy as sa
import testscenarios

from trove_datastore.api import fault
from trove_datastore import context as td_context
from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore.db import refusals
from trove_datastore.manager import versions
from tests.fixtures import base

load_tests = testscenarios.load_tests_apply_scenarios


class TestForeignKeyRefusals(base.DatabaseTestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.context = td_context.get_admin_context()
        self.version = versions.create_version(
            self.context, name='5.7.29', datastore_name='mysql',
            manager='mysql', active=True, image_tags=['trove'],
            check_image=False)

    def refused(self, statement):
        """The DBReferenceError of running ``statement`` in a writer
        transaction."""
        @db_api.writer
        def run(context):
            context.session.execute(statement)

        return self.assertRaises(db_exc.DBReferenceError, run, self.context)

    def assertConflict(self, error, *words):
        response = fault.from_exception(error)
        self.assertEqual(409, response.status_int)
        body = response.json
        self.assertEqual(['conflictingRequest'], list(body))
        self.assertEqual(409, body['conflictingRequest']['code'])
        message = body['conflictingRequest']['message']
        if self.engine != 'sqlite':
            # SQLite names neither the constraint nor the direction.
            for word in words:
                self.assertIn(word, message)
        self.assertNotIn('INSERT', message.upper())
        return message

    def group(self, version_id):
        return sa.insert(models.Configuration).values(
            id=str(uuid.uuid4()), tenant_id='p', name='g',
            datastore_version_id=version_id,
            created_at=models._utcnow(), updated_at=models._utcnow())

    def test_a_group_on_a_deleted_version_is_409(self):
        error = self.refused(self.group(str(uuid.uuid4())))
        self.assertConflict(error, 'datastore version',
                            'was deleted while the request ran')

    def test_deleting_a_version_a_group_uses_is_409(self):

        @db_api.writer
        def add_group(context):
            context.session.execute(self.group(self.version.id))

        add_group(self.context)
        error = self.refused(sa.delete(models.DatastoreVersion).where(
            models.DatastoreVersion.id == self.version.id))
        self.assertConflict(error, 'Datastore version is in use by '
                                   'configuration')

    def test_a_version_of_a_deleted_datastore_is_409(self):
        error = self.refused(sa.insert(models.DatastoreVersion).values(
            id=str(uuid.uuid4()), datastore_id=str(uuid.uuid4()), name='x',
            version='x', manager='mysql', active=True,
            created_at=models._utcnow(), updated_at=models._utcnow()))
        self.assertConflict(error, 'datastore this request refers to')

    def test_deleting_a_datastore_with_versions_is_409(self):
        error = self.refused(sa.delete(models.Datastore))
        self.assertConflict(error, 'datastore is in use by datastore '
                                   'versions')

    def test_every_named_constraint_exists(self):
        named = {constraint.name for table in models.Base.metadata.tables
                 .values() for constraint in table.foreign_key_constraints}
        self.assertEqual(named, set(refusals.RESOURCES))

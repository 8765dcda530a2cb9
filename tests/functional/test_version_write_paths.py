"""One state, one answer: a version written by the API's create, by its
PATCH, or by trove-manage datastore_version_update is stored the same way
and shown the same way, with or without an image id and packages."""

import argparse

import sqlalchemy as sa
import testscenarios

from tests.fixtures import api_base
from trove_datastore.cmd import manage_datastores

load_tests = testscenarios.load_tests_apply_scenarios

IMAGE = api_base.IMAGE_MYSQL_57
# Fields whose "none" was stored as '' or NULL by different paths.
SHOWN = ('image', 'image_tags', 'packages', 'resolved_image')


class VersionWritePathsTest(api_base.ApiTestCase):

    def manage(self, *argv):
        """trove-manage's own parser and command, in this process (the
        console script's subprocess is tests.functional.test_manage)."""
        parser = argparse.ArgumentParser()
        manage_datastores.add_parsers(parser.add_subparsers())
        args = parser.parse_args(argv)
        self.assertEqual(0, args.func(args))

    def answers(self, name):
        """What the API shows of version ``name``: the mgmt document's
        fields and the public one's, as an administrator sees them."""
        version_id = self.version_id(name)
        mgmt = self.get('/mgmt/datastore-versions/%s' % version_id).json[
            'version']
        public = self.get('/datastores/versions/%s' % version_id).json[
            'version']
        return ({field: mgmt[field] for field in SHOWN},
                {field: public[field] for field in SHOWN[:3]})

    def stored(self, name):
        with self.db.engine.connect() as connection:
            return tuple(connection.execute(sa.text(
                'SELECT image_id, image_tags, packages FROM '
                'datastore_versions WHERE name = :name'),
                {'name': name}).one())

    def assertAllAlike(self, names, answers, stored):
        for name in names:
            self.assertEqual(answers, self.answers(name), name)
            self.assertEqual(stored, self.stored(name), name)

    def test_an_image_id_and_no_packages(self):
        self.create_version('created', image=IMAGE)
        self.create_version('created-empty', image=IMAGE, image_tags=[],
                            packages=[])
        self.create_version('patched', packages=['a'])
        version_id = self.version_id('patched')
        self.assertEqual(202, self.patch(
            '/mgmt/datastore-versions/%s' % version_id,
            {'image': IMAGE, 'image_tags': [], 'packages': []}).status_int)
        self.manage('datastore_version_update', 'mysql', 'managed', 'mysql',
                    IMAGE, '', '1')
        self.manage('datastore_version_update', 'mysql', 'overwritten',
                    'mysql', '', 'a,b', '1', '--image-tags', 'trove')
        self.manage('datastore_version_update', 'mysql', 'overwritten',
                    'mysql', IMAGE, '', '1')
        self.assertAllAlike(
            ['created', 'created-empty', 'patched', 'managed', 'overwritten'],
            ({'image': IMAGE, 'image_tags': [], 'packages': [],
              'resolved_image': IMAGE},
             {'image': IMAGE, 'image_tags': [], 'packages': ''}),
            (IMAGE, None, None))

    def test_image_tags_and_packages(self):
        self.create_version('created', image_tags=['trove', 'mysql'],
                            packages=['a', 'b'])
        self.create_version('patched', image=IMAGE, packages=[])
        version_id = self.version_id('patched')
        self.assertEqual(202, self.patch(
            '/mgmt/datastore-versions/%s' % version_id,
            {'image_tags': ['trove', 'mysql'],
             'packages': ['a', 'b']}).status_int)
        self.manage('datastore_version_update', 'mysql', 'managed', 'mysql',
                    '', 'a,b', '1', '--image-tags', 'trove,mysql')
        self.manage('datastore_version_update', 'mysql', 'stray-commas',
                    'mysql', '', ',a,,b,', '1', '--image-tags',
                    'trove,,mysql')
        self.assertAllAlike(
            ['created', 'patched', 'managed', 'stray-commas'],
            ({'image': None, 'image_tags': ['trove', 'mysql'],
              # The newest active image carrying both tags.
              'packages': ['a', 'b'],
              'resolved_image': api_base.IMAGE_MYSQL_80},
             {'image': None, 'image_tags': ['trove', 'mysql'],
              'packages': 'a,b'}),
            (None, 'trove,mysql', 'a,b'))

"""Units of the API layer that need no database."""

import json
import os
import time

import fixtures
import testtools

from trove_datastore.api import paging
from trove_datastore.api.schemas import versions as version_schemas
from trove_datastore.api import validation
from trove_datastore import exception
from trove_datastore import images
from trove_datastore.images import file as file_source
from tests.fixtures import base


class ValidationMessageTest(testtools.TestCase):

    def message(self, schema, document):
        error = self.assertRaises(exception.ValidationError,
                                  validation.validate, schema, document)
        return str(error)

    def test_a_missing_top_level_field_is_named(self):
        self.assertEqual('Validation error: version is required.',
                         self.message(version_schemas.CREATE, {}))

    def test_nested_paths_are_dotted_one_line_each(self):
        message = self.message(version_schemas.CREATE, {'version': {
            'name': 'x', 'datastore_name': 'mysql',
            'datastore_manager': 'mysql', 'active': True,
            'image': 'nope', 'image_tags': ['ok', '']}})
        self.assertEqual([
            'Validation error: version.image must be a Glance image id (a '
            'UUID, 32 hexadecimal digits grouped 8-4-4-4-12), or be left '
            'out to choose the image by image_tags.',
            'version.image_tags[1] must not be empty.'],
            message.split('\n'))

    def test_valid_documents_pass(self):
        validation.validate(version_schemas.UPDATE, {'active': False})


class PageTest(testtools.TestCase):

    def test_defaults_and_caps(self):
        self.assertIsNone(paging.page({}).limit)
        self.assertEqual(5, paging.page({}, default_limit=5).limit)
        self.assertEqual(20, paging.page({'limit': '500'},
                                         max_limit=20).limit)
        self.assertEqual('m', paging.page({'marker': 'm'}).marker)

    def test_bad_limits(self):
        for value in ('0', '-3', 'x', '1e3', ' '):
            if value.strip():
                self.assertRaises(exception.BadRequest,
                                  paging.page, {'limit': value})


class ImageRulesTest(testtools.TestCase):

    IMAGES = [
        {'id': 'old', 'tags': ['trove', 'mysql'], 'status': 'active',
         'created_at': '2026-01-01T00:00:00Z'},
        {'id': 'new', 'tags': ['trove', 'mysql', 'x'], 'status': 'active',
         'created_at': '2026-02-01T00:00:00Z'},
        {'id': 'queued', 'tags': ['trove', 'mysql'], 'status': 'queued',
         'created_at': '2026-03-01T00:00:00Z'},
        {'id': 'subset', 'tags': ['trove'], 'status': 'active',
         'created_at': '2026-04-01T00:00:00Z'},
    ]

    def test_newest_active_image_with_all_tags_wins(self):
        pick = images.newest_with_tags
        self.assertEqual('new', pick(self.IMAGES, ['trove', 'mysql'])['id'])
        self.assertEqual('subset', pick(self.IMAGES, ['trove'])['id'])
        self.assertIsNone(pick(self.IMAGES, ['trove', 'pg']))


class FileSourceTest(base.TestCase):

    def write(self, path, document):
        with open(path, 'w') as handle:
            json.dump(document, handle)

    def test_catalog_changes_are_picked_up(self):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'c.json')
        self.write(path, {'images': [ImageRulesTest.IMAGES[0]]})
        source = file_source.FileImageSource(path)
        self.assertEqual('old', source.check(tags=['trove', 'mysql']))
        time.sleep(0.01)
        self.write(path, {'images': ImageRulesTest.IMAGES})
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10 ** 9))
        self.assertEqual('new', source.check(tags=['trove', 'mysql']))

    def test_errors(self):
        tmp = self.useFixture(fixtures.TempDir()).path
        source = file_source.FileImageSource(os.path.join(tmp, 'missing'))
        self.assertRaises(exception.ImageServiceUnavailable, source.get, 'x')
        broken = os.path.join(tmp, 'broken.json')
        with open(broken, 'w') as handle:
            handle.write('{not json')
        self.assertRaises(exception.ImageServiceUnavailable,
                          file_source.FileImageSource(broken).get, 'x')
        good = os.path.join(tmp, 'good.json')
        self.write(good, {'images': ImageRulesTest.IMAGES})
        source = file_source.FileImageSource(good)
        self.assertRaises(exception.ImageNotFound, source.check,
                          image_id='nope')
        self.assertRaises(exception.ImageNotFoundByTags, source.check,
                          tags=['nope'])
        self.assertRaises(exception.ImageRequired, source.check)

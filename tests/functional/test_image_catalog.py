"""A hand-edited image catalog file with mistakes in some entries: each
bad entry is skipped with a warning, the good ones keep working, and no
request answers 500 or matches tags by their characters."""

import json
import logging
import os

import fixtures

from trove_datastore import images
from tests.fixtures import api_base

LATER = '11111111-1111-4111-8111-111111111111'
EARLIER = '22222222-2222-4222-8222-222222222222'

BAD_ENTRIES = [
    # Tags as one string: "abc" must not carry the tags "a", "b", "c".
    {'id': 'bad-tags-string', 'tags': 'abc', 'status': 'active',
     'created_at': '2030-01-01T00:00:00Z'},
    {'id': 'bad-tags-items', 'tags': ['trove', 7], 'status': 'active',
     'created_at': '2030-01-01T00:00:00Z'},
    # Not a time: neither sortable against the others nor meaningful.
    {'id': 'bad-created-number', 'tags': ['trove', 'mysql'],
     'status': 'active', 'created_at': 20300101},
    {'id': 'bad-created-words', 'tags': ['trove', 'mysql'],
     'status': 'active', 'created_at': 'yesterday'},
    # An id that is not a string (ties with a good entry's time).
    {'id': 42, 'tags': ['trove', 'mysql'], 'status': 'active',
     'created_at': '2026-06-01T12:00:00Z'},
    {'id': '', 'tags': ['trove', 'mysql'], 'status': 'active',
     'created_at': '2031-01-01T00:00:00Z'},
    {'id': 'bad-status', 'tags': ['trove', 'mysql'], 'status': ['active'],
     'created_at': '2031-01-01T00:00:00Z'},
    'not an object',
]

GOOD_ENTRIES = [
    {'id': LATER, 'name': 'old', 'tags': ['trove', 'mysql'],
     'status': 'active', 'created_at': '2026-06-01T12:00:00Z'},
    # Later as text, earlier in time: 13:30 at +02:00 is 11:30Z, so
    # LATER (12:00Z) is the newer of the two.
    {'id': EARLIER, 'name': 'new', 'tags': ['trove', 'mysql'],
     'status': 'active', 'created_at': '2026-06-01T13:30:00+02:00'},
    {'id': 'chars', 'tags': ['a', 'b', 'c', 'd'], 'status': 'active',
     'created_at': '2026-06-01T00:00:00Z'},
]


class TestBadCatalogEntries(api_base.ApiTestCase):

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def setUp(self):
        super().setUp()
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'catalog.json')
        with open(path, 'w') as stream:
            json.dump({'images': BAD_ENTRIES + GOOD_ENTRIES}, stream)
        self.conf.config(source='file', catalog_file=path, group='image')
        images.set_source(None)
        self.log = self.useFixture(fixtures.FakeLogger(
            name='trove_datastore.images.file', level=logging.WARNING))

    def test_bad_entries_skipped_good_ones_used(self):
        self.create_version('8.0', image_tags=['trove', 'mysql'])
        self.create_version('x', datastore='other',
                            image_tags=['a', 'b'])
        listing = self.get('/mgmt/datastore-versions')
        self.assertEqual(200, listing.status_int, listing.text)
        resolved = {v['name']: v['resolved_image']
                    for v in listing.json['versions']}
        # The newest good entry in time, whatever the text of the times.
        self.assertEqual(LATER, resolved['8.0'])
        # Not "bad-tags-string", newer, whose "abc" has the characters.
        self.assertEqual('chars', resolved['x'])
        for entry in ('bad-tags-string', 'bad-tags-items',
                      'bad-created-number', 'bad-created-words', '42',
                      'bad-status'):
            self.assertIn(entry, self.log.output)

    def test_bad_entry_named_by_id_is_not_found(self):
        for image in ('bad-created-words', 'bad-tags-string'):
            self.create_version('z-%s' % image, image=image, status=400)
        self.create_version('ok', image=EARLIER)

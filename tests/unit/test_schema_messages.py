"""Schema errors read as sentences naming the field and what it allows,
never a regular expression, for every schema the API validates with."""

import importlib
import pkgutil
import re

import testtools

from trove_datastore.api import schemas
from trove_datastore.api import validation
from trove_datastore import exception
from trove_datastore import schema_messages

DESCRIPTION = schema_messages.DESCRIPTION
# What a leaked regular expression or Python repr would show.
RAW = ('^', '$', '[0-9', '\\s', '([', '{8}', "u'", "['", 'does not match',
       'is not valid under any', 'is a required property')
# Strings, one of which breaks any of the API's patterns.
BREAKERS = ('!!!', 'a,b', ',', ' x1 ', '1.2.3', 'nope')


def request_schemas():
    """(module.NAME, schema) of every schema in the schemas package."""
    found = []
    for info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(
            '%s.%s' % (schemas.__name__, info.name))
        for name, value in sorted(vars(module).items()):
            if isinstance(value, dict) and not name.startswith('_') and (
                    'type' in value or 'anyOf' in value):
                found.append(('%s.%s' % (info.name, name), value))
    return found


def patterns(schema, path=(), described_by=None):
    """(path, pattern schema, words the message may use) of every pattern
    under ``schema``; inside an anyOf the alternatives' own words are
    replaced by the anyOf's."""
    if 'pattern' in schema:
        yield path, schema, described_by or schema.get(DESCRIPTION)
    for alternative in schema.get('anyOf', ()):
        yield from patterns(alternative, path, schema.get(DESCRIPTION))
    for name, sub in schema.get('properties', {}).items():
        yield from patterns(sub, path + (name,))
    if isinstance(schema.get('items'), dict):
        yield from patterns(schema['items'], path + (0,))


def place(path, value):
    if not path:
        return value
    if isinstance(path[0], int):
        return [place(path[1:], value)]
    return {path[0]: place(path[1:], value)}


def breaker(schema):
    low, high = schema.get('minLength', 0), schema.get('maxLength', 999)
    for text in BREAKERS:
        if low <= len(text) <= high and not re.search(schema['pattern'],
                                                      text):
            return text
    raise AssertionError('nothing breaks %r' % schema['pattern'])


def message(schema, document):
    try:
        validation.validate(schema, document)
    except exception.ValidationError as error:
        return str(error)
    raise AssertionError('%r passed %r' % (document, schema))


class EveryPatternTest(testtools.TestCase):

    def test_every_pattern_is_described(self):
        seen = 0
        for name, schema in request_schemas():
            for path, sub, _ in patterns(schema):
                seen += 1
                self.assertTrue(sub.get(DESCRIPTION), (name, path))
                self.assertNotIn('^', sub[DESCRIPTION])
        self.assertGreater(seen, 10)

    def test_a_broken_pattern_reads_as_words(self):
        tried = 0
        for name, schema in request_schemas():
            for path, sub, words in patterns(schema):
                text = message(schema, place(path, breaker(sub)))
                tried += 1
                self.assertTrue(text.startswith('Validation error: '), text)
                self.assertIn(words, text, (name, path))
                for raw in RAW:
                    self.assertNotIn(raw, text, (name, path, text))
        self.assertGreater(tried, 10)

    def test_the_image_example_of_the_issue(self):
        from trove_datastore.api.schemas import versions
        text = message(versions.UPDATE, {'image': 'not-a-uuid'})
        self.assertEqual(
            'Validation error: image must be a Glance image id (a UUID, 32 '
            'hexadecimal digits grouped 8-4-4-4-12), or be left out to '
            'choose the image by image_tags.', text)


class SentenceTest(testtools.TestCase):
    """One schema keyword at a time."""

    def lines(self, schema, document):
        text = message(schema, document)
        prefix = 'Validation error: '
        self.assertTrue(text.startswith(prefix), text)
        return text[len(prefix):].split('\n')

    def wrap(self, sub):
        return {'type': 'object', 'properties': {'outer': {
            'type': 'object', 'properties': {'x': sub}}}}

    def one(self, sub, value):
        return self.lines(self.wrap(sub), {'outer': {'x': value}})

    def test_type(self):
        self.assertEqual(['outer.x must be a string.'],
                         self.one({'type': 'string'}, 1))
        self.assertEqual(['outer.x must be a string or null.'],
                         self.one({'type': ['string', 'null']}, 1))
        self.assertEqual(['outer.x must be true or false.'],
                         self.one({'type': 'boolean'}, 'yes'))
        self.assertEqual(['the request body must be an object.'],
                         self.lines({'type': 'object'}, []))

    def test_required_names_each_missing_field(self):
        schema = {'type': 'object', 'required': ['a', 'b'],
                  'properties': {'a': {'type': 'object',
                                       'required': ['c']}}}
        self.assertEqual(['b is required.'],
                         self.lines(schema, {'a': {'c': 1}}))
        self.assertEqual(['a is required.', 'b is required.'],
                         self.lines(schema, {}))
        self.assertEqual(['a.c is required.', 'b is required.'],
                         self.lines(schema, {'a': {}}))

    def test_unknown_fields_list_the_allowed_ones(self):
        schema = self.wrap({'type': 'string'})
        schema['properties']['outer']['additionalProperties'] = False
        self.assertEqual(
            ['unknown fields outer.y, outer.z; allowed fields: x.'],
            self.lines(schema, {'outer': {'z': 1, 'y': 2}}))

    def test_a_hostile_field_name_stays_on_one_line(self):
        schema = {'type': 'object', 'properties': {},
                  'additionalProperties': False}
        lines = self.lines(schema, {'a\nb' + 'c' * 100: 1})
        self.assertEqual(1, len(lines), lines)
        self.assertIn('"a\\nbccc', lines[0])
        self.assertIn('...', lines[0])
        self.assertIn('allowed fields: none', lines[0])

    def test_enum(self):
        self.assertEqual(['outer.x must be one of integer, 0, true.'],
                         self.one({'enum': ['integer', 0, True]}, 'x'))

    def test_lengths_counts_and_bounds(self):
        self.assertEqual(['outer.x must not be empty.'],
                         self.one({'type': 'string', 'minLength': 1}, ''))
        self.assertEqual(['outer.x must be at least 3 characters long.'],
                         self.one({'type': 'string', 'minLength': 3}, 'a'))
        self.assertEqual(['outer.x must be at most 2 characters long.'],
                         self.one({'type': 'string', 'maxLength': 2},
                                  'abc'))
        self.assertEqual(['outer.x must be at least 5.'],
                         self.one({'minimum': 5}, 4))
        self.assertEqual(['outer.x must be greater than 5.'],
                         self.one({'minimum': 5, 'exclusiveMinimum': True},
                                  5))
        self.assertEqual(['outer.x must be at most 1.5.'],
                         self.one({'maximum': 1.5}, 2))
        self.assertEqual(['outer.x must have at least 1 item.'],
                         self.one({'type': 'array', 'minItems': 1}, []))
        self.assertEqual(['outer.x must have at most 2 items.'],
                         self.one({'type': 'array', 'maxItems': 2},
                                  [1, 2, 3]))
        self.assertEqual(['outer.x must have at most 1 entry.'],
                         self.one({'type': 'object', 'maxProperties': 1},
                                  {'a': 1, 'b': 2}))
        self.assertEqual(['outer.x must not hold the same item twice.'],
                         self.one({'type': 'array', 'uniqueItems': True},
                                  [1, 1]))

    def test_alternatives_make_one_sentence(self):
        self.assertEqual(
            ['outer.x must be true or false, or one of 0, 1.'],
            self.one({'anyOf': [{'type': 'boolean'}, {'enum': [0, 1]}]},
                     'x'))
        self.assertEqual(
            ['outer.x must be a number or null, or a string.'],
            self.one({'oneOf': [{'type': ['number', 'null']},
                                {'type': 'string'}]}, []))
        self.assertEqual(
            ['outer.x must be a small thing.'],
            self.one({'anyOf': [{'type': 'string', 'pattern': '^a$'}],
                      DESCRIPTION: 'must be a small thing'}, 'b'))

    def test_too_short_says_it_all(self):
        self.assertEqual(['outer.x must not be empty.'], self.one(
            {'type': 'string', 'minLength': 1, 'pattern': '^a+$',
             DESCRIPTION: 'must be made of a'}, ''))

    def test_a_pattern_without_words_is_not_quoted(self):
        self.assertEqual(['outer.x[1] is not of the expected form.'],
                         self.one({'type': 'array', 'items': {
                             'type': 'string', 'pattern': '^[0-9]+$'}},
                             ['1', 'x']))

    def test_many_problems_are_capped(self):
        limit = schema_messages.MAX_PROBLEMS
        lines = self.one({'type': 'array', 'items': {'type': 'string'}},
                         list(range(limit + 5)))
        self.assertEqual(limit + 1, len(lines))
        self.assertEqual('... and 5 more problems.', lines[-1])
        self.assertEqual('outer.x[0] must be a string.', lines[0])
        self.assertEqual('outer.x[2] must be a string.', lines[2])

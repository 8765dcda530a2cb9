"""Schema errors as sentences: the field as the client wrote it and what
is allowed there.

jsonschema's own messages quote regular expressions and Python reprs; a
client fixing a request needs neither. A schema that declares a
``pattern`` also declares, under :data:`DESCRIPTION`, what the pattern
means in words ("must be a UUID: ..."); Draft 4 ignores the keyword, and
the OpenAPI document turns it into a ``description``.
"""

import json
import re

DESCRIPTION = 'x-description'
ROOT = 'the request body'
# A body can hold thousands of mistakes; a client needs the first few.
MAX_PROBLEMS = 20
_MAX_NAMES = 10
_NAME_LENGTH = 40

_NOUNS = {
    'object': 'an object', 'array': 'a list', 'string': 'a string',
    'integer': 'an integer', 'number': 'a number',
    'boolean': 'true or false', 'null': 'null',
}


def _shown(name):
    """A client-chosen key, short and on one line."""
    text = str(name)
    if len(text) > _NAME_LENGTH:
        text = text[:_NAME_LENGTH] + '...'
    if not text.isprintable() or not text.strip():
        text = json.dumps(text)
    return text


def field(path):
    """``version.image_tags[1]``: the dotted path of a field."""
    text = ''
    for part in path:
        if isinstance(part, int):
            text += '[%d]' % part
        else:
            text += ('.' if text else '') + _shown(part)
    return text or ROOT


def _either(items):
    items = list(items)
    if len(items) < 2:
        return ''.join(items)
    return '%s or %s' % (', '.join(items[:-1]), items[-1])


def _value(value):
    return value if isinstance(value, str) else json.dumps(value)


def _types(types):
    if isinstance(types, str):
        types = [types]
    return _either(_NOUNS.get(name, name) for name in types)


def _noun(schema):
    """What one alternative of an anyOf/oneOf accepts."""
    if 'enum' in schema:
        return 'one of %s' % ', '.join(_value(v) for v in schema['enum'])
    if 'type' in schema:
        return _types(schema['type'])
    return 'a valid value'


def _names(names, where):
    names = sorted(str(name) for name in names)
    shown = [field(list(where) + [name]) for name in names[:_MAX_NAMES]]
    if len(names) > _MAX_NAMES:
        shown.append('and %d more' % (len(names) - _MAX_NAMES))
    return ', '.join(shown)


def _additional(error, name):
    schema = error.schema
    known = schema.get('properties', {})
    patterns = schema.get('patternProperties', {})
    unknown = [key for key in error.instance if key not in known
               and not any(re.search(p, key) for p in patterns)]
    if schema.get('additionalProperties') is not False or not unknown:
        return ['%s has a field that is not valid' % name]
    allowed = ', '.join(sorted(known)) or 'none'
    return ['unknown field%s %s; allowed fields: %s'
            % ('s' if len(unknown) > 1 else '',
               _names(unknown, error.path), allowed)]


def _pattern(error, name):
    described = error.schema.get(DESCRIPTION)
    if described:
        return ['%s %s' % (name, described)]
    return ['%s is not of the expected form' % name]


def _alternatives(error, name):
    described = error.schema.get(DESCRIPTION)
    if described:
        return ['%s %s' % (name, described)]
    # Each alternative may read "x or y" itself: commas keep them apart.
    return ['%s must be %s' % (name, ', or '.join(
        _noun(sub) for sub in error.validator_value))]


def _bound(exclusive_key, inclusive, exclusive):
    def explain(error, name):
        if error.schema.get(exclusive_key):
            return ['%s must be %s %s' % (name, exclusive,
                                          _value(error.validator_value))]
        return ['%s must be %s %s' % (name, inclusive,
                                      _value(error.validator_value))]
    return explain


_PLURALS = {'character': 'characters', 'item': 'items',
            'entry': 'entries'}


def _count(limit, noun):
    def explain(error, name):
        count = error.validator_value
        if noun == 'character' and limit == 'at least' and count == 1:
            return ['%s must not be empty' % name]
        plural = noun if count == 1 else _PLURALS[noun]
        if noun == 'character':
            return ['%s must be %s %d %s long' % (name, limit, count,
                                                  plural)]
        return ['%s must have %s %d %s' % (name, limit, count, plural)]
    return explain


def _format(error, name):
    # A format checker that says why (trove_datastore/schema.py) is quoted.
    if error.cause is not None:
        return ['%s %s' % (name, error.cause)]
    return ['%s must be a valid %s' % (name, error.validator_value)]


_EXPLAIN = {
    'type': lambda error, name: ['%s must be %s' % (
        name, _types(error.validator_value))],
    'additionalProperties': _additional,
    'enum': lambda error, name: ['%s must be one of %s' % (
        name, ', '.join(_value(v) for v in error.validator_value))],
    'pattern': _pattern,
    'anyOf': _alternatives,
    'oneOf': _alternatives,
    'minLength': _count('at least', 'character'),
    'maxLength': _count('at most', 'character'),
    'minItems': _count('at least', 'item'),
    'maxItems': _count('at most', 'item'),
    'minProperties': _count('at least', 'entry'),
    'maxProperties': _count('at most', 'entry'),
    'minimum': _bound('exclusiveMinimum', 'at least', 'greater than'),
    'maximum': _bound('exclusiveMaximum', 'at most', 'less than'),
    'uniqueItems': lambda error, name: [
        '%s must not hold the same item twice' % name],
    'format': _format,
}


def explain(error):
    """(path, sentence) of each problem (usually one) of one jsonschema
    error; the path is the field the sentence names."""
    path = list(error.path)
    if error.validator == 'required':
        # One error per missing field, which it names only in prose.
        missing = [key for key in error.validator_value
                   if isinstance(error.instance, dict)
                   and key not in error.instance]
        return [(path + [key], '%s is required' % field(path + [key]))
                for key in missing]
    explainer = _EXPLAIN.get(error.validator)
    if explainer is None:
        return [(path, '%s is not valid' % field(path))]
    return [(path, text) for text in explainer(error, field(path))]


def sentences(errors):
    """Every problem once, in field order, at most :data:`MAX_PROBLEMS`
    (and a line saying how many more)."""
    errors = list(errors)
    # "must not be empty" says it all: the pattern's words would repeat it.
    empty = {tuple(e.path) for e in errors if e.validator == 'minLength'}
    problems = [problem for error in errors for problem in explain(error)
                if not (error.validator == 'pattern'
                        and tuple(error.path) in empty)]
    found = []
    # Indexes in numeric order; a key and an index never share a level.
    for _, sentence in sorted(problems, key=lambda problem: [
            (isinstance(part, str), part) for part in problem[0]]):
        sentence += '.'
        if sentence not in found:
            found.append(sentence)
    if len(found) > MAX_PROBLEMS:
        more = len(found) - MAX_PROBLEMS
        found = found[:MAX_PROBLEMS] + ['... and %d more problem%s.' % (
            more, 's' if more > 1 else '')]
    return found

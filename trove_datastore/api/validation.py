"""JSON bodies and JSON Schema validation for the controllers."""

import json
import math
from urllib import parse

from trove_datastore.conf import CONF
from trove_datastore import exception
from trove_datastore import names
from trove_datastore import schema as json_schema


def validate(schema, document):
    """Raise ValidationError naming every problem of ``document``, one
    sentence a line (:mod:`trove_datastore.schema_messages`)."""
    problems = json_schema.problems(schema, document)
    if problems:
        # Each line is already short: no further truncation.
        raise exception.ValidationError(
            exception.ValidationError.message
            % {'detail': '\n'.join(problems)})


def _check_document(document, limit):
    """Raise BadRequest when ``document`` nests deeper than ``limit`` or
    holds text no database can store."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            raise too_deep()
        if isinstance(value, str) and names.unstorable(value):
            raise _unstorable_text()
        if isinstance(value, dict):
            for key, item in value.items():
                if names.unstorable(key):
                    raise _unstorable_text()
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _unstorable_text():
    return exception.BadRequest('The request body holds a NUL character or '
                                'an unpaired surrogate.')


def _finite_float(text):
    value = float(text)
    if math.isinf(value):
        raise ValueError('%s is out of range' % text[:20])
    return value


def _reject_constant(name):
    raise ValueError('%s is not valid JSON' % name)


def check_request(environ):
    """Refuse what no route can serve before anything reads the request:
    a path or query that is not UTF-8 or holds a NUL (400; no database
    could store or compare it), a declared body larger than
    allowed (413; the body is then never read, so a huge upload costs no
    memory)."""
    for key in ('PATH_INFO', 'QUERY_STRING'):
        try:
            raw = environ.get(key, '').encode('latin-1')
            if key == 'QUERY_STRING':
                raw = parse.unquote_to_bytes(raw.replace(b'+', b' '))
            text = raw.decode('utf-8')
        except UnicodeError:
            raise exception.BadRequest('The request URL is not valid '
                                       'UTF-8.')
        if '\x00' in text:
            raise exception.BadRequest('The request URL holds a NUL '
                                       'character.')
    length = environ.get('CONTENT_LENGTH')
    if length:
        try:
            length = int(length)
        except ValueError:
            raise exception.BadRequest('The Content-Length header is not '
                                       'a number.')
        limit = CONF.api.max_request_body_size
        if length > limit:
            raise exception.RequestEntityTooLarge(limit=limit)


def too_deep():
    return exception.BadRequest('The request body nests deeper than %d '
                                'levels.' % CONF.api.max_json_depth)


def parse_body(request):
    """The request's JSON document; 400 when absent or not JSON, 413 when
    larger than allowed."""
    limit = CONF.api.max_request_body_size
    if request.content_length is not None and request.content_length > limit:
        raise exception.RequestEntityTooLarge(limit=limit)
    raw = request.body_file.read(limit + 1)
    if len(raw) > limit:
        raise exception.RequestEntityTooLarge(limit=limit)
    if not raw.strip():
        raise exception.BadRequest('The request body is missing; a JSON '
                                   'document is required.')
    try:
        document = json.loads(raw.decode('utf-8'),
                              parse_constant=_reject_constant,
                              parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise exception.BadRequest('The request body is not valid JSON.')
    _check_document(document, CONF.api.max_json_depth)
    return document


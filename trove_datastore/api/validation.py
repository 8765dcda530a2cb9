"""JSON bodies and JSON Schema validation for the controllers."""

import functools
import json

import jsonschema
import pecan

from trove_datastore.conf import CONF
from trove_datastore import exception

_VALIDATORS = {}


def _validator(schema):
    key = id(schema)
    validator = _VALIDATORS.get(key)
    if validator is None:
        jsonschema.Draft4Validator.check_schema(schema)
        validator = jsonschema.Draft4Validator(
            schema, format_checker=jsonschema.FormatChecker())
        _VALIDATORS[key] = validator
    return validator


def _render_path(path):
    parts = list(path)
    if not parts:
        return '<root>'
    rendered = str(parts[0])
    for part in parts[1:]:
        rendered += '[%r]' % (part,)
    return rendered


def _truncate(text, limit=300):
    return text if len(text) <= limit else text[:limit] + '...'


def validate(schema, document):
    """Raise ValidationError naming every problem of ``document``."""
    errors = sorted(_validator(schema).iter_errors(document),
                    key=lambda e: [str(p) for p in e.path])
    if not errors:
        return
    details = []
    for error in errors:
        details.append('%s %s' % (_render_path(error.path),
                                  _truncate(error.message)))
        for sub in sorted(error.context or (),
                          key=lambda e: [str(p) for p in e.path]):
            details.append('%s %s' % (_render_path(
                list(error.path) + list(sub.path)), _truncate(sub.message)))
    raise exception.ValidationError(detail='; '.join(details))


def _depth(document, limit):
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _reject_constant(name):
    raise ValueError('%s is not valid JSON' % name)


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
                              parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise exception.BadRequest('The request body is not valid JSON.')
    if not _depth(document, CONF.api.max_json_depth):
        raise exception.BadRequest(
            'The request body nests deeper than %d levels.'
            % CONF.api.max_json_depth)
    return document


def body(schema):
    """Decorator: pass the validated JSON body as the ``body`` argument."""
    def decorator(function):
        function.request_schema = schema

        @functools.wraps(function)
        def wrapper(self, *args, **kwargs):
            document = parse_body(pecan.request)
            validate(schema, document)
            kwargs['body'] = document
            return function(self, *args, **kwargs)
        return wrapper
    return decorator

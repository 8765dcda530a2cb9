"""Conditional GETs: an ``ETag`` on every read, ``304`` for a match, and
a cache of rendered answers.

A GET runs in one read transaction that first reads the catalog
generation (db/generation.py: every committed write moves it on). The
ETag is a digest of that generation, of everything else the answer
depends on (the URL as the client sent it, the caller's identity and
roles, the policy rules in force) and nothing else. So:

- ``If-None-Match`` naming the current ETag is answered ``304`` without
  the controller, the body query or rendering;
- an answer rendered once is kept, keyed on its ETag, and given again
  to the same request while the generation stays. The generation is read
  at the start of every request, so a write committed by any process
  makes every process miss from its next request on: no answer from
  before a committed write is ever given after it.

Only ``200`` answers carry an ETag or are kept. An operation declared
``live`` (its answer also shows what the image catalog says now, which
changes without a write here) is rendered every time; its tag is a
digest of the generation's tag and the body, so a 304 still saves the
transfer, never a stale image.
"""

import collections
import hashlib
import threading

from oslo_db import exception as db_exc

from trove_datastore.api import hooks
from trove_datastore.api import method
from trove_datastore.db import api as db_api
from trove_datastore.db import round_trips
from trove_datastore import exception
from trove_datastore import policy

# The request's parts an answer depends on besides the caller: where the
# client reached the API (links are absolute) and what it asked for.
_REQUEST_KEYS = ('wsgi.url_scheme', 'SCRIPT_NAME', 'PATH_INFO',
                 'QUERY_STRING')

# Where the catalog is: the version documents above it need no database.
_API = '/v1.0/'

# Rendered answers kept per process, and the largest one kept.
CACHE_ENTRIES = 256
CACHE_MAX_BODY = 1 << 20


class AnswerCache(object):
    """Rendered 200 answers of the current generation, least recently
    used first out."""

    def __init__(self, entries=CACHE_ENTRIES, max_body=CACHE_MAX_BODY):
        self.entries = entries
        self.max_body = max_body
        self.lock = threading.Lock()
        self.generation = None
        self.answers = collections.OrderedDict()

    def get(self, generation, tag):
        with self.lock:
            if generation != self.generation:
                return None
            answer = self.answers.get(tag)
            if answer is not None:
                self.answers.move_to_end(tag)
            return answer

    def put(self, generation, tag, answer):
        if len(answer[2]) > self.max_body:
            return
        with self.lock:
            if self.generation is None or generation > self.generation:
                self.generation = generation
                self.answers.clear()
            elif generation != self.generation:
                return
            self.answers[tag] = answer
            while len(self.answers) > self.entries:
                self.answers.popitem(last=False)


def entity_tag(generation, environ, context):
    credentials = context.to_policy_values()
    credentials['is_admin'] = context.is_admin
    parts = [str(generation), policy.rules_digest(),
             repr(policy.frozen(credentials))]
    parts.extend(str(environ.get(key, '')) for key in _REQUEST_KEYS)
    # The host the links name (WebOb's host_url: the Host header, else
    # the server's own name and port).
    parts.append(environ.get('HTTP_HOST') or '%s:%s' % (
        environ.get('SERVER_NAME'), environ.get('SERVER_PORT')))
    digest = hashlib.sha256('\0'.join(parts).encode('utf-8', 'replace'))
    return '"%s"' % digest.hexdigest()[:32]


def _listed(header):
    """The entity tags of an If-None-Match header (weak ones compare as
    strong: GET is a weak comparison)."""
    tags = set()
    for item in header.split(','):
        item = item.strip()
        if item.startswith('W/'):
            item = item[2:]
        if item:
            tags.add(item)
    return tags


class _Lost(Exception):
    """The generation read found its connection dead (replayable)."""


class Conditional(object):
    """WSGI middleware around the Pecan application (see the module)."""

    def __init__(self, application, cache=None):
        self.application = application
        self.cache = cache if cache is not None else AnswerCache()

    def __call__(self, environ, start_response):
        if (environ.get('REQUEST_METHOD') != 'GET'
                or len(environ.get('PATH_INFO', '')) <= len(_API)
                or not environ['PATH_INFO'].startswith(_API)):
            # Writes, and the version documents (no database).
            return self.application(environ, start_response)
        try:
            context = hooks.request_context(environ)
        except exception.TroveDatastoreError:
            # The context hook refuses it again, in the fault format.
            return self.application(environ, start_response)
        environ[hooks.CONTEXT] = context
        try:
            status, headers, body = self._answer(environ, context)
        except _Lost:
            # The pool's connection was dead (nothing happened): once
            # more, on a new one.
            status, headers, body = self._answer(environ, context)
        start_response(status, headers)
        return [body]

    def _answer(self, environ, context):
        with db_api.reader.using(context):
            try:
                generation = db_api.read_generation(context)
            except db_exc.DBConnectionError as error:
                if round_trips.replayable(error):
                    raise _Lost()
                raise
            tag = entity_tag(generation, environ, context)
            wanted = _listed(environ.get('HTTP_IF_NONE_MATCH', ''))
            if tag in wanted:
                return _not_modified(tag)
            answer = self.cache.get(generation, tag)
            if answer is None:
                answer = _render(self.application, environ)
        status, headers, body = answer
        if not status.startswith('200'):
            return answer
        if environ.get(method.LIVE):
            # Also depends on the image catalog, which moves without the
            # generation: the tag covers the rendered body, nothing kept.
            tag = '"%s"' % hashlib.sha256(
                tag.encode('ascii') + body).hexdigest()[:32]
            if tag in wanted or '*' in wanted:
                return _not_modified(tag)
            return status, headers + [('ETag', tag)], body
        if not any(name == 'ETag' for name, _ in headers):
            headers = headers + [('ETag', tag)]
            answer = (status, headers, body)
            self.cache.put(generation, tag, answer)
        if '*' in wanted:
            return _not_modified(tag)
        return status, list(headers), body


def _not_modified(tag):
    return '304 Not Modified', [('ETag', tag)], b''


def _render(application, environ):
    """(status, headers, body) of ``application`` on ``environ``."""
    started = []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, list(headers)]

    chunks = application(environ, start_response)
    try:
        body = b''.join(chunks)
    finally:
        close = getattr(chunks, 'close', None)
        if close is not None:
            close()
    return started[0], started[1], body

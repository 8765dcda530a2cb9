"""The request body size limit, held on the bytes read.

A declared ``Content-Length`` over the limit is refused before anything
reads (:func:`trove_datastore.api.validation.check_request`). A chunked
body declares no length, and a WSGI server hands it over a piece at a
time; whoever reads it (WebOb buffering it for Pecan, the JSON parser)
would read all of it. So ``wsgi.input`` is replaced by a reader that
counts, gives out at most one byte past the limit, and then refuses.
"""

import webob

from trove_datastore.api import fault
from trove_datastore.conf import CONF
from trove_datastore import exception

# Reads of unbounded size are done in pieces of this size, so that the
# excess is noticed after at most this many bytes past the limit.
_PIECE = 64 * 1024


class LimitedInput(object):
    """A file-like ``wsgi.input`` that refuses to read past ``limit``."""

    def __init__(self, stream, limit):
        self._stream = stream
        self._limit = limit
        self._count = 0
        self.exceeded = False

    def _room(self, size):
        # One byte more than the limit may be read: that byte is how an
        # oversize body is told from one of exactly the limit.
        room = self._limit + 1 - self._count
        if size is None or size < 0:
            return min(room, _PIECE)
        return min(room, size)

    def _counted(self, data):
        self._count += len(data)
        if self._count > self._limit:
            self.exceeded = True
        if self.exceeded:
            raise exception.RequestEntityTooLarge(limit=self._limit)
        return data

    def read(self, size=-1):
        if self.exceeded:
            raise exception.RequestEntityTooLarge(limit=self._limit)
        if size is not None and size >= 0:
            return self._counted(self._stream.read(self._room(size)))
        pieces = []
        while True:
            piece = self._counted(self._stream.read(self._room(size)))
            if not piece:
                return b''.join(pieces)
            pieces.append(piece)

    def readline(self, size=-1):
        if self.exceeded:
            raise exception.RequestEntityTooLarge(limit=self._limit)
        room = self._limit + 1 - self._count
        if size is None or size < 0:
            size = room
        return self._counted(self._stream.readline(min(size, room)))

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in iter(self.readline, b''):
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def __iter__(self):
        return iter(self.readline, b'')

    # A body someone already buffered (WebOb marks it seekable) is read
    # again from the start; the count follows the position.
    def seek(self, offset, whence=0):
        position = self._stream.seek(offset, whence)
        self._count = offset if whence == 0 else self._stream.tell()
        self.exceeded = self._count > self._limit
        return position

    def tell(self):
        return self._stream.tell()

    def close(self):
        close = getattr(self._stream, 'close', None)
        if close is not None:
            close()


def _has_body(environ):
    """Whether the request carries a body: HTTP/1.1 frames one by a
    length or a transfer coding; without either there is none to count
    (most requests are GETs, spared the wrapping)."""
    return bool(environ.get('HTTP_TRANSFER_ENCODING')
                or environ.get('CONTENT_LENGTH', '') not in ('', '0'))


class BodyLimit(object):
    """WSGI middleware: every body, whatever its framing, is read through
    :class:`LimitedInput`; a request that read past the limit is answered
    413 whatever the code below made of the truncated read."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stream = environ.get('wsgi.input')
        if stream is None or not _has_body(environ):
            return self.application(environ, start_response)
        limit = CONF.api.max_request_body_size
        reader = LimitedInput(stream, limit)
        environ['wsgi.input'] = reader
        response = webob.Request(environ).get_response(self.application)
        if reader.exceeded and response.status_int != 413:
            response = fault.from_exception(
                exception.RequestEntityTooLarge(limit=limit))
        return response(environ, start_response)

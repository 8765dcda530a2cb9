"""gunicorn settings for trove-datastore, and JSON for gunicorn's own
error answers.

Use it with ``gunicorn -c python:trove_datastore.wsgi.gunicorn_conf
trove_datastore.wsgi.api:application`` (command-line options still win
over the values here).

gunicorn answers some requests itself, before the application sees
them: a request line over ``limit_request_line`` (414), too many or too
large header fields (431), a malformed request (400), a worker killed
for exceeding ``timeout`` while serving a request (500). It writes those
as small HTML pages; a client of this API expects the fault shape
``{"<faultName>": {"code": N, "message": "..."}}``. Loading this module
makes gunicorn write them in that shape, and a request cut short by the
worker timeout a 503 (the service, not the request, is at fault).

The database waits (``[database] connect_timeout`` and
``query_timeout``) are meant to end a request well before ``timeout``.
"""

import json

from gunicorn import util

# Limits on what a client may send before the application reads it
# (gunicorn's defaults, written down so they are deliberate).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Longer than [database] query_timeout (20 s by default) plus the image
# service's [image] timeout, so a slow dependency ends as a 503 from the
# application, not as a killed worker.
timeout = 60
graceful_timeout = 30
keepalive = 5

_MESSAGES = {
    400: 'The request is not valid HTTP.',
    403: 'The request is refused.',
    414: 'The request URL is too long.',
    417: 'The request expectation cannot be met.',
    431: 'The request headers are too large.',
    500: 'Internal Server Error.',
    501: 'The request transfer coding is not supported.',
    503: 'The request took too long and was stopped; try again later.',
}

_REASONS = {503: 'Service Unavailable'}

_aborting = []


def fault_page(status, reason):
    """The status line, headers and JSON body of one error answer."""
    from trove_datastore import exception

    message = _MESSAGES.get(
        status, 'The request is not valid.' if status < 500
        else 'Internal Server Error.')
    body = json.dumps({exception.fault_name(status): {
        'code': status, 'message': message}}).encode()
    head = ('HTTP/1.1 %d %s\r\nConnection: close\r\n'
            'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n'
            % (status, _REASONS.get(status, reason), len(body)))
    return head.encode('latin-1') + body


def write_json_error(sock, status_int, reason, mesg):
    """Stands in for gunicorn.util.write_error: same answer status, in
    the fault shape, without echoing what the client sent."""
    if _aborting and status_int == 500:
        status_int = 503
    util.write_nonblock(sock, fault_page(status_int, reason))


def worker_abort(worker):
    """gunicorn hook: the worker is being killed for its timeout; the
    request it was serving gets a 503."""
    _aborting.append(True)


util.write_error = write_json_error

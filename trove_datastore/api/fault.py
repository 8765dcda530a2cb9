"""The one place errors become HTTP responses.

Every error body has Trove's single-key shape
``{"<faultName>": {"code": N, "message": "..."}}``.
"""

import uuid

from oslo_db import exception as db_exc
from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.exc

from trove_datastore.api import validation
from trove_datastore.db import refusals
from trove_datastore import exception

LOG = logging.getLogger(__name__)

GENERIC_MESSAGES = {
    400: 'The request is not valid.',
    401: 'This server could not verify that you are authorized to access '
         'the document you requested.',
    403: 'Access was denied to this resource.',
    404: 'The resource could not be found.',
    405: 'The resource could not be found.',
    413: 'The request body is too large.',
    415: 'The request media type is not supported.',
}


def error_response(code, message, headers=None):
    body = {exception.fault_name(code): {'code': code, 'message': message}}
    response = webob.Response(status=code, content_type='application/json',
                              charset=None)
    response.body = jsonutils.dump_as_bytes(body)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def internal_error_response(error, environ=None):
    # The id oslo.middleware's RequestId gave the request (and returns in
    # X-OpenStack-Request-Id), so the body and the header name the same.
    request_id = ((environ or {}).get('openstack.request_id')
                  or 'req-%s' % uuid.uuid4())
    LOG.error('Unexpected error, reported as %s: %s', request_id, error,
              exc_info=error)
    return error_response(
        500, 'Internal Server Error. Please keep this ID to help us figure '
             'out what went wrong: (%s).' % request_id)


def from_exception(error, environ=None):
    """The response for an exception raised while serving a request
    (``environ``: that request's, for its request id)."""
    if isinstance(error, exception.TroveDatastoreError):
        if error.code >= 500:
            LOG.warning('%s: %s', type(error).__name__, error)
        return error_response(error.code, error.text)
    if isinstance(error, webob.exc.HTTPException) and error.code < 500:
        code = 404 if error.code == 405 else error.code
        return error_response(code, GENERIC_MESSAGES.get(
            code, error.explanation or 'The request is not valid.'),
            headers=_keep_headers(error.headers))
    if isinstance(error, RecursionError):
        # Pecan decodes a JSON body for its own use before any action
        # runs; a body nested thousands deep overflows its parser.
        return from_exception(validation.too_deep(), environ)
    if isinstance(error, db_exc.DBConnectionError):
        LOG.warning('Database unreachable: %s', error)
        return from_exception(exception.DatabaseUnavailable(), environ)
    if isinstance(error, db_exc.DBReferenceError):
        LOG.info('Foreign key refusal after a lost race: %s', error)
        return from_exception(refusals.as_conflict(error), environ)
    return internal_error_response(error, environ)


def _is_fault(response):
    """Whether an error response already has the fault shape (a JSON
    error from elsewhere, such as keystonemiddleware's
    ``{"error": {...}}``, does not)."""
    if response.content_type != 'application/json':
        return False
    try:
        body = jsonutils.loads(response.body)
    except ValueError:
        return False
    name = exception.fault_name(response.status_int)
    return (isinstance(body, dict) and list(body) == [name]
            and isinstance(body[name], dict)
            and body[name].get('code') == response.status_int)


def _keep_headers(headers):
    keep = {}
    for name in ('WWW-Authenticate', 'Retry-After'):
        if name in headers:
            keep[name] = headers[name]
    return keep


class FaultWrapper(object):
    """WSGI middleware: no traceback, no HTML, no SQL ever leaves the API.

    Catches what escapes the application and rewrites error responses that
    are not already faults (Pecan's HTML 404, keystonemiddleware's JSON
    401, oslo.middleware's 413) into the fault shape.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        try:
            validation.check_request(environ)
            response = request.get_response(self.application)
        except Exception as error:  # noqa: B902 - the last line of defence
            response = from_exception(error, environ)
        if response.status_int >= 400 and not _is_fault(response):
            response = self._rewrite(response, environ)
        return response(environ, start_response)

    @staticmethod
    def _rewrite(response, environ):
        code = response.status_int
        if code == 405:
            code = 404
        if code >= 500:
            return internal_error_response(
                RuntimeError('non-JSON %s response: %s'
                             % (response.status, response.text[:200])),
                environ)
        message = GENERIC_MESSAGES.get(code, 'The request is not valid.')
        return error_response(code, message,
                              headers=_keep_headers(response.headers))

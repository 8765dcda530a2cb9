"""The outer middleware of a plain GET, without WebOb.

oslo.middleware's HTTPProxyToWSGI, RequestId and CORS each wrap a
request and its response in WebOb objects (and ask ``inspect`` for a
signature) on every call, which costs as much CPU as a cached read. A
GET without an ``Origin`` header needs nothing of CORS, and what the
other two do to it is small and written down here the same way:

- the proxy headers (RFC 7239 ``Forwarded``, else ``X-Forwarded-Proto``,
  ``-Host`` and ``-For``; then ``X-Forwarded-Prefix``) rewrite the
  environ when ``[oslo_middleware] enable_proxy_headers_parsing`` is on;
- a valid inbound ``X-Openstack-Request-Id`` becomes the global request
  id, a new request id goes into the environ and onto the response as
  ``x-openstack-request-id`` unless the application set one;
- a ``Location`` header is made absolute, as WebOb's response does.

Every other request (writes, HEAD, OPTIONS, cross-origin GETs) goes
through oslo.middleware's own stack.
"""

import re

from oslo_context import context as oslo_context
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import webob


def _rfc7239_first(header):
    entry = {}
    for part in header.split(',')[0].split(';'):
        key, _, value = part.partition('=')
        entry[key.lower().strip()] = value.strip()
    return entry


def parse_proxy_headers(environ):
    """What HTTPProxyToWSGI.process_request does to ``environ``."""
    forwarded = environ.get('HTTP_FORWARDED')
    if forwarded:
        proxy = _rfc7239_first(forwarded)
        values = (proxy.get('proto'), proxy.get('host'), proxy.get('for'))
    else:
        values = (environ.get('HTTP_X_FORWARDED_PROTO'),
                  environ.get('HTTP_X_FORWARDED_HOST'),
                  environ.get('HTTP_X_FORWARDED_FOR'))
    for key, value in zip(('wsgi.url_scheme', 'HTTP_HOST', 'REMOTE_ADDR'),
                          values, strict=True):
        if value:
            environ[key] = value
    prefix = environ.get('HTTP_X_FORWARDED_PREFIX')
    if prefix:
        environ['SCRIPT_NAME'] = prefix + environ['SCRIPT_NAME']


_ID_FORMAT = re.compile(request_id.ID_FORMAT)
_HEADER = request_id.HTTP_RESP_HEADER_REQUEST_ID


class PlainGet(object):
    """``fast`` (the application below CORS) for a GET without
    ``Origin``, ``full`` (the oslo.middleware stack around it) for the
    rest."""

    def __init__(self, fast, full, conf):
        self.fast = fast
        self.full = full
        self.conf = conf
        conf.register_opts(http_proxy_to_wsgi.OPTS, group='oslo_middleware')

    def __call__(self, environ, start_response):
        if (environ.get('REQUEST_METHOD') != 'GET'
                or 'HTTP_ORIGIN' in environ):
            return self.full(environ, start_response)
        if self.conf.oslo_middleware.enable_proxy_headers_parsing:
            parse_proxy_headers(environ)
        inbound = environ.get('HTTP_X_OPENSTACK_REQUEST_ID', '')
        if _ID_FORMAT.match(inbound):
            environ[request_id.GLOBAL_REQ_ID] = inbound
        req_id = oslo_context.generate_request_id()
        environ[request_id.ENV_REQUEST_ID] = req_id

        def started(status, headers, exc_info=None):
            headers = [
                (name, webob.Response._make_location_absolute(environ, value))
                if name.lower() == 'location' else (name, value)
                for name, value in headers]
            if not any(name.lower() == _HEADER for name, _ in headers):
                headers.append((_HEADER, req_id))
            return start_response(status, headers, exc_info)

        return self.fast(environ, started)

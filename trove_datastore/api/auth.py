"""Authentication middleware choices."""

import re

import webob

from trove_datastore.api import fault

_IDENTITY_HEADERS = ('X-User-Id', 'X-User-Name', 'X-Project-Id',
                     'X-Tenant-Id', 'X-Roles', 'X-Identity-Status')

# What a request without identity may send and still be the admin.
_ADMIN_TOKENS = ('', 'notused')
# user:project:roles, each name free of separators and white space.
_NOAUTH_TOKEN = re.compile(r'\A([^:,\s]+):([^:,\s]+):'
                           r'((?:[^:,\s]+(?:,[^:,\s]+)*)?)\Z')


class NoAuthMiddleware(object):
    """Development identity without Keystone.

    A token ``user:project:role1,role2`` is that user, project and roles
    (user and project not empty, roles possibly none). No token, or the
    placeholder ``notused`` that ``openstack --os-auth-type none`` sends,
    is an administrator of the URL's project. Any other token is refused
    with 401: a typo must not make its sender an administrator.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        for header in _IDENTITY_HEADERS:
            request.headers.pop(header, None)
        token = request.headers.get('X-Auth-Token', '').strip()
        if token in _ADMIN_TOKENS:
            segments = [s for s in request.path_info.split('/') if s]
            project = segments[1] if len(segments) > 1 else ''
            user = 'admin'
            roles = 'admin'
        else:
            identity = _NOAUTH_TOKEN.match(token)
            if identity is None:
                return fault.error_response(
                    401, 'The token is not of the form '
                         'user:project:role1,role2 (auth_strategy = '
                         'noauth).')(environ, start_response)
            user, project, roles = identity.groups()
        request.headers['X-User-Id'] = user
        request.headers['X-Project-Id'] = project
        request.headers['X-Roles'] = roles
        request.headers['X-Identity-Status'] = 'Confirmed'
        return self.application(environ, start_response)


class PathDispatch(object):
    """Send a few fixed paths (the version document, the health check) to
    their own application, without authentication; the rest to
    ``default``."""

    def __init__(self, default, routes):
        self.default = default
        self.routes = routes

    def __call__(self, environ, start_response):
        application = self.routes.get(environ.get('PATH_INFO', ''),
                                      self.default)
        return application(environ, start_response)

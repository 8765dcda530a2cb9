"""Authentication middleware choices."""

import webob

_IDENTITY_HEADERS = ('X-User-Id', 'X-User-Name', 'X-Project-Id',
                     'X-Tenant-Id', 'X-Roles', 'X-Identity-Status')


class NoAuthMiddleware(object):
    """Development identity without Keystone.

    A token ``user:project:role1,role2`` is that user, project and roles;
    any other token, or none, is an administrator of the URL's project.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        for header in _IDENTITY_HEADERS:
            request.headers.pop(header, None)
        token = request.headers.get('X-Auth-Token', '').strip()
        if token.count(':') == 2:
            user, project, roles = token.split(':')
        else:
            # No token, or a placeholder such as the "notused" that
            # ``openstack --os-auth-type none`` sends.
            segments = [s for s in request.path_info.split('/') if s]
            project = segments[1] if len(segments) > 1 else ''
            user = 'admin'
            roles = 'admin'
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

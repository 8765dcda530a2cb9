"""A paste filter that stands in for keystonemiddleware's auth_token in
front of unmodified upstream Trove, for the interoperability tests only.

It sets the identity headers auth_token sets after validating a token, so
Trove's own authorization (tenant in the URL), context and policy filters
run unchanged:

* ``X-Auth-Token: user:project:role,role`` -> that identity;
* no token (or any other) -> user ``admin`` with role ``admin`` in the
  project named by the URL (``/v1.0/<project>/...``).
"""

_HEADERS = ('X-Identity-Status', 'X-Project-Id', 'X-Tenant-Id', 'X-Tenant',
            'X-Project-Name', 'X-Tenant-Name', 'X-User-Id', 'X-User',
            'X-User-Name', 'X-Roles', 'X-Role', 'X-Service-Catalog',
            'X-Domain-Id', 'X-Project-Domain-Id', 'X-User-Domain-Id',
            'X-Is-Admin-Project')


def _key(header):
    return 'HTTP_' + header.upper().replace('-', '_')


def _identity(environ):
    token = environ.get('HTTP_X_AUTH_TOKEN', '')
    fields = token.split(':')
    if len(fields) == 3 and fields[0] and fields[1]:
        return fields[0], fields[1], fields[2]
    path = [part for part in environ.get('PATH_INFO', '').split('/') if part]
    return 'admin', (path[0] if path else 'admin'), 'admin'


class NoAuth(object):
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        # Whatever the client claims is dropped, as auth_token drops it.
        for header in _HEADERS:
            environ.pop(_key(header), None)
        user, project, roles = _identity(environ)
        environ.setdefault('HTTP_X_AUTH_TOKEN', 'noauth')
        for header, value in (
                ('X-Identity-Status', 'Confirmed'),
                ('X-Project-Id', project), ('X-Tenant-Id', project),
                ('X-Tenant', project), ('X-Project-Name', project),
                ('X-Tenant-Name', project), ('X-User-Id', user),
                ('X-User', user), ('X-User-Name', user),
                ('X-Roles', roles), ('X-Role', roles),
                ('X-Domain-Id', 'default'),
                ('X-Project-Domain-Id', 'default'),
                ('X-User-Domain-Id', 'default')):
            environ[_key(header)] = value
        return self.app(environ, start_response)


def filter_factory(global_conf, **local_conf):
    return NoAuth

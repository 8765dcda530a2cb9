from oslo_config import cfg

api_group = cfg.OptGroup('api', title='API options')

api_opts = [
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'Validate tokens with keystonemiddleware'
                                     ' (configure [keystone_authtoken]).'),
                        ('noauth', 'No authentication: a request without a '
                                   'token is an admin of the project in its '
                                   'URL; a token "user:project:role1,role2" '
                                   'is that identity. Development and '
                                   'testing only.')],
               help='How API requests are authenticated.'),
    cfg.IntOpt('max_request_body_size', default=114688, min=1024,
               help='Largest request body accepted, in bytes; larger '
                    'bodies are answered with 413.'),
    cfg.IntOpt('max_json_depth', default=32, min=4,
               help='Deepest JSON nesting accepted in a request body.'),
    cfg.URIOpt('public_endpoint', schemes=['http', 'https'],
               help='Base URL of the API as clients reach it (for example '
                    'https://cloud.example.com/database), used in the '
                    'links of every answer. Unset: the scheme and host '
                    'the request came with (see [oslo_middleware] '
                    'enable_proxy_headers_parsing), an X-Forwarded-Prefix '
                    'header and the path the WSGI server mounts the '
                    'service under.'),
    cfg.IntOpt('workers', min=1,
               sample_default='<number of CPUs>',
               help='Worker processes of trove-datastore-api (default: '
                    'the number of CPUs). Read at start and on SIGHUP.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Threads of each trove-datastore-api worker; each '
                    'serves one request at a time and idle keep-alive '
                    'connections wait without holding one.'),
    cfg.IntOpt('backlog', default=2048, min=64,
               help='Connections the kernel queues for trove-datastore-api '
                    'before they are accepted (capped by '
                    'net.core.somaxconn).'),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}

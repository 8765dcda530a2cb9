from oslo_config import cfg

default_opts = [
    cfg.HostAddressOpt('bind_host',
                       help='Address the trove-datastore-api server listens '
                            'on. Unset: 0.0.0.0 (every address) with '
                            'auth_strategy = keystone, 127.0.0.1 (this '
                            'host only) with auth_strategy = noauth, so '
                            'an unauthenticated API is not reachable from '
                            'the network unless this option says so.'),
    cfg.PortOpt('bind_port', default=8779,
                help='Port the development API server listens on.'),
    cfg.StrOpt('default_datastore',
               help='Datastore used when a configuration group request '
                    'names none.'),
    cfg.IntOpt('configurations_page_size', default=20, min=1,
               help='Largest page of configuration groups returned by one '
                    'list request; larger limits are capped to it.'),
    cfg.IntOpt('max_page_size', default=1000, min=1,
               help='Largest page of datastores or versions returned by one '
                    'list request when the client asks for a limit.'),
]


def register_opts(conf):
    conf.register_opts(default_opts)


def list_opts():
    return {'DEFAULT': default_opts}

from oslo_config import cfg

trove_group = cfg.OptGroup(
    'trove', title='The OpenStack Trove database this catalog is published '
                   'to')

trove_opts = [
    cfg.StrOpt('connection', secret=True,
               help='SQLAlchemy URL of the Trove 26 database. When set, '
                    '"trove-datastore-status upgrade check" reports what '
                    'differs between this catalog and that database (what '
                    '"trove-manage publish_to_trove" would change).'),
]


def register_opts(conf):
    conf.register_group(trove_group)
    conf.register_opts(trove_opts, group=trove_group)


def list_opts():
    return {trove_group: trove_opts}

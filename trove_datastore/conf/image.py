from oslo_config import cfg

image_group = cfg.OptGroup('image', title='Guest image resolution')

image_opts = [
    cfg.StrOpt('source', default='glance',
               choices=[('glance', 'Ask the Glance v2 API, with the '
                                   '[service_credentials] identity.'),
                        ('file', 'Read a local JSON catalog shaped like '
                                 'Glance\'s GET /v2/images response.')],
               help='Where image ids and image tags are resolved: '
                    'Glance in production; tools/run.sh chooses the file '
                    'catalog for development.'),
    cfg.StrOpt('catalog_file', default='etc/trove/image-catalog.json',
               help='JSON image catalog read when source is "file". A '
                    'relative path is taken from the working directory.'),
    cfg.URIOpt('glance_endpoint',
               help='Glance endpoint to use instead of the one found in the '
                    'Keystone service catalog.'),
    cfg.StrOpt('glance_service_type', default='image',
               help='Service type of Glance in the Keystone catalog.'),
    cfg.StrOpt('glance_interface', default='public',
               choices=['public', 'internal', 'admin'],
               help='Catalog interface used to reach Glance.'),
    cfg.FloatOpt('timeout', default=10.0, min=0.1,
                 help='Seconds to wait for Glance before answering 503.'),
]


def register_opts(conf):
    conf.register_group(image_group)
    conf.register_opts(image_opts, group=image_group)


def list_opts():
    return {image_group: image_opts}

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP = 'service_credentials'

service_credentials_group = cfg.OptGroup(
    GROUP, title='Identity trove-datastore uses to call Glance')

extra_opts = [
    cfg.StrOpt('region_name',
               help='Region of the Glance endpoint in the service catalog.'),
]


def register_opts(conf):
    conf.register_group(service_credentials_group)
    conf.register_opts(extra_opts, group=GROUP)
    ks_loading.register_session_conf_options(conf, GROUP)
    ks_loading.register_auth_conf_options(conf, GROUP)


def list_opts():
    return {service_credentials_group: (
        extra_opts
        + ks_loading.get_session_conf_options()
        + ks_loading.get_auth_common_conf_options()
        + ks_loading.get_auth_plugin_conf_options('password'))}

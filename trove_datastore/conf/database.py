from oslo_db import options as db_options

DEFAULT_CONNECTION = 'sqlite:///trove_datastore.sqlite'


def register_opts(conf):
    # oslo.db owns the [database] options (its own generator namespace
    # documents them); only the default connection changes, to an SQLite
    # file, so that the service runs embedded out of the box.
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)

"""Validation rules read from a running database server.

PostgreSQL describes every setting in ``pg_settings`` (type, bounds,
enumeration, the context that says whether a restart is needed, a short
description). MariaDB describes its system variables in
``information_schema.SYSTEM_VARIABLES``; MySQL 8 has no such table, so its
rules come from ``performance_schema.variables_info`` (bounds) and the
variables' current values (types).

The result is a rules document for exactly that server's version, in the
format ``trove-manage db_load_datastore_config_parameters`` loads.
"""

import decimal
import importlib.util

import sqlalchemy as sa

from trove_datastore import exception
from trove_datastore import rules
from trove_datastore import rules_safety

# Settings whose values are secrets, per manager.
SENSITIVE = {
    'postgresql': set(),
    # user:password used for state transfers between Galera nodes.
    'mariadb': {'wsrep_sst_auth'},
    'mysql': set(),
}

# pg_settings.context: whether a change needs a restart, and whether it
# applies while the server runs. "internal" settings cannot be set.
PG_RESTART_CONTEXTS = ('postmaster',)
PG_SKIPPED_CONTEXTS = ('internal',)
PG_DYNAMIC_CONTEXTS = ('sighup', 'superuser', 'user', 'backend',
                       'superuser-backend')


def _engine_url(connection):
    url = sa.engine.make_url(connection)
    backend = url.get_backend_name()
    if backend in ('mysql', 'mariadb') and url.get_driver_name() in (
            '', 'mysqldb', 'mariadbconnector'):
        url = url.set(drivername='mysql+pymysql')
    elif url.drivername == 'postgresql' and not importlib.util.find_spec(
            'psycopg'):
        url = url.set(drivername='postgresql+psycopg2')
    elif backend not in ('mysql', 'mariadb', 'postgresql'):
        raise exception.BadRequest(
            'Rules can be generated from PostgreSQL, MariaDB or MySQL, not '
            '%s.' % backend)
    return url


def generate(connection):
    """A rules document from the server at the SQLAlchemy URL
    ``connection``."""
    url = _engine_url(connection)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            if url.get_backend_name() == 'postgresql':
                return postgresql_rules(conn)
            return mysql_rules(conn)
    except sa.exc.OperationalError as error:
        raise exception.ServiceUnavailable(
            reason='cannot read settings from %s: %s'
                   % (url.render_as_string(hide_password=True),
                      str(error.orig).strip().splitlines()[0]))
    finally:
        engine.dispose()


def _document(manager, version, parameters):
    """The rules document, without the parameters that
    ``rules_safety`` lists as unsafe for ``manager``; ``source`` records
    how many were left out and which."""
    left_out = sorted(entry.name for entry in rules_safety.find(
        manager, [p['name'] for p in parameters]))
    unsafe = set(left_out)
    parameters = sorted((p for p in parameters if p['name'] not in unsafe),
                        key=lambda p: p['name'])
    return {
        'source': {'manager': manager, 'version': version,
                   'generated_by': 'trove-manage generate_validation_rules',
                   'unsafe_left_out': len(left_out),
                   'unsafe_names': left_out},
        rules.DOCUMENT_KEY: parameters,
    }


def _number(text, data_type):
    if text in (None, ''):
        return None
    number = decimal.Decimal(str(text))
    if data_type == 'integer':
        return int(number)
    return float(number)


def postgresql_rules(conn):
    version = conn.execute(sa.text('SHOW server_version')).scalar()
    found = conn.execute(sa.text(
        'SELECT name, vartype, context, unit, min_val, max_val, enumvals, '
        'short_desc FROM pg_settings ORDER BY name')).all()
    parameters = []
    for name, vartype, context, unit, min_val, max_val, enumvals, \
            desc in found:
        if context in PG_SKIPPED_CONTEXTS:
            continue
        data_type = {'bool': 'boolean', 'integer': 'integer',
                     'real': 'float'}.get(vartype, 'string')
        entry = {'name': name, 'restart_required':
                 context in PG_RESTART_CONTEXTS, 'type': data_type}
        if data_type in rules.NUMERIC_TYPES:
            for key, text in (('min', min_val), ('max', max_val)):
                value = _number(text, data_type)
                if value is not None:
                    entry[key] = value
        if vartype == 'enum' and enumvals:
            entry['allowed_values'] = list(enumvals)
        description = desc or ''
        if unit:
            description = '%s (unit: %s)' % (description.rstrip('.'), unit)
        if description:
            entry['description'] = description
        entry['dynamic'] = context in PG_DYNAMIC_CONTEXTS
        if unit:
            entry['unit'] = unit
        if name in SENSITIVE['postgresql']:
            entry['sensitive'] = True
        parameters.append(entry)
    return _document('postgresql', version.split()[0], parameters)


# MariaDB's VARIABLE_TYPE to a rule type.
MARIADB_TYPES = {
    'BOOLEAN': 'boolean',
    'DOUBLE': 'float',
    'ENUM': 'string',
    'SET': 'string',
    'FLAGSET': 'string',
    'VARCHAR': 'string',
}


def _mariadb_type(variable_type):
    if 'INT' in variable_type:
        return 'integer'
    return MARIADB_TYPES.get(variable_type.split()[0], 'string')


def mysql_rules(conn):
    version = conn.execute(sa.text('SELECT VERSION()')).scalar()
    has_catalog = conn.execute(sa.text(
        "SELECT COUNT(*) FROM information_schema.TABLES WHERE "
        "TABLE_SCHEMA = 'information_schema' AND "
        "TABLE_NAME = 'SYSTEM_VARIABLES'")).scalar()
    if has_catalog:
        return _mariadb_rules(conn, version)
    return _mysql8_rules(conn, version)


def _mariadb_rules(conn, version):
    found = conn.execute(sa.text(
        'SELECT VARIABLE_NAME, VARIABLE_TYPE, VARIABLE_COMMENT, '
        'NUMERIC_MIN_VALUE, NUMERIC_MAX_VALUE, ENUM_VALUE_LIST, READ_ONLY, '
        'COMMAND_LINE_ARGUMENT FROM information_schema.SYSTEM_VARIABLES '
        # Session-only variables (timestamp, insert_id...) have no place
        # in an option file.
        "WHERE VARIABLE_SCOPE <> 'SESSION ONLY' "
        'ORDER BY VARIABLE_NAME')).all()
    parameters = []
    for name, var_type, comment, min_val, max_val, enum_list, read_only, \
            argument in found:
        read_only = read_only == 'YES'
        if read_only and argument is None:
            # Neither settable at run time nor in the option file.
            continue
        name = name.lower()
        data_type = _mariadb_type(var_type or '')
        entry = {'name': name, 'restart_required': read_only,
                 'type': data_type}
        if data_type in rules.NUMERIC_TYPES:
            for key, text in (('min', min_val), ('max', max_val)):
                value = _number(text, data_type)
                if value is not None:
                    entry[key] = value
        if var_type == 'ENUM' and enum_list:
            entry['allowed_values'] = enum_list.split(',')
        if comment:
            entry['description'] = comment
        entry['dynamic'] = not read_only
        if name in SENSITIVE['mariadb']:
            entry['sensitive'] = True
        parameters.append(entry)
    manager = 'mariadb' if 'mariadb' in version.lower() else 'mysql'
    return _document(manager, version.split('-')[0], parameters)


def _mysql8_rules(conn, version):
    bounds = {name.lower(): (low, high) for name, low, high in conn.execute(
        sa.text('SELECT VARIABLE_NAME, MIN_VALUE, MAX_VALUE FROM '
                'performance_schema.variables_info'))}
    parameters = []
    for name, value in conn.execute(sa.text('SHOW GLOBAL VARIABLES')):
        name = name.lower()
        low, high = bounds.get(name, (None, None))
        if value in ('ON', 'OFF'):
            data_type = 'boolean'
        elif (low, high) != (None, None) and high not in ('0', 0) and \
                str(value).lstrip('-').isdigit():
            data_type = 'integer'
        else:
            data_type = 'string'
        entry = {'name': name, 'restart_required': False,
                 'type': data_type}
        if data_type == 'integer':
            entry['min'] = _number(low, 'integer')
            entry['max'] = _number(high, 'integer')
        parameters.append(entry)
    return _document('mysql', version.split('-')[0], parameters)

"""Configuration parameters that must not be offered to project members.

A configuration group is written by any member of a project and the guest
agent applies it to the database server's configuration. Some settings
reach far beyond tuning the member's own database: they run programs or
SQL when the server starts or a client connects, load libraries or
plugins into the server, name files, directories or sockets on the host,
open connections to other hosts, or switch off or weaken authentication,
privilege checks or TLS. This module holds the one list of them, per
engine, each with a short reason and the section of the engine's
documentation it was taken from.

The list covers PostgreSQL 15, 16 and 17 ("Server Configuration"
chapter), MariaDB 10.6, 10.11 and 11.4 and MySQL 8.0 and 8.4 (their
system variable and option references) by name, including names that
only some of those versions know, plus a few prefixes whose whole family
is unsafe (every ``ssl*`` setting, every keyring or key-management
plugin setting...). A completeness test compares it with the settings of
the live servers it runs against: every setting whose name suggests a
command, file, directory, path, socket, library, plugin, key,
certificate, TLS, authentication or password is either listed here or in
``REVIEWED_SAFE`` with the reason it is harmless.

Datastore managers map to engines as follows: ``postgresql`` to
PostgreSQL; ``mysql`` and ``percona`` (Percona Server is MySQL) to MySQL;
``mariadb`` to MariaDB (its Galera variables included); ``pxc`` (Percona
XtraDB Cluster: MySQL with Galera) to MySQL plus the Galera variables. A
manager this module does not know gets every engine's list at once: a
name that is unsafe anywhere is treated as unsafe, which errs on the safe
side (``port``, ``datadir``... are unsafe for nearly any server).
"""

import collections

Unsafe = collections.namedtuple('Unsafe', 'name reason section')

PG_DOC = 'PostgreSQL 15/16/17 documentation, Server Configuration'
MARIADB_DOC = 'MariaDB 10.6/10.11/11.4 documentation'
MYSQL_DOC = 'MySQL 8.0/8.4 Reference Manual'

COMMAND = 'runs a shell command on the host'
SQL = 'runs SQL as the server itself at startup or on connect'
LIBRARY = 'loads a library or plugin into the server'
PATH = 'names a file or directory on the host'
SOCKET = 'names the sockets, addresses or ports the server listens on'
REMOTE = 'opens connections to another host'
AUTH = 'weakens or bypasses authentication'
PRIVILEGE = 'switches off or weakens a privilege check'
INTEGRITY = 'hides or destroys corrupted data instead of failing'
DEBUG_TRACE = 'debug trace options, which name an output file on the host'
TLS = 'changes the TLS setup or names key and certificate files'
KEYS = 'configures key management or names a key on the host'
AUDIT = "changes the operator's audit log (what and where it records)"


def _table(*groups, sections=None):
    """{name: Unsafe} from (section, reason, names...) groups; ``sections``
    renames sections, for the names MariaDB and MySQL share but document
    under different titles."""
    table = {}
    for section, reason, *names in groups:
        section = (sections or {}).get(section, section)
        for name in names:
            table[name] = Unsafe(name, reason, section)
    return table


POSTGRESQL = _table(
    ('File Locations', PATH, 'data_directory', 'config_file', 'hba_file',
     'ident_file', 'external_pid_file'),
    # Hidden developer setting, reported by pg_settings (File Locations).
    ('File Locations (undocumented)', LIBRARY, 'extension_destdir'),
    ('Connections and Authentication / Connection Settings', SOCKET,
     'listen_addresses', 'port', 'unix_socket_directories',
     'unix_socket_group', 'unix_socket_permissions'),
    ('Connections and Authentication / Authentication', AUTH,
     'db_user_namespace', 'krb_caseins_users'),
    ('Connections and Authentication / Authentication',
     'can store new passwords as weak MD5 hashes', 'password_encryption'),
    ('Connections and Authentication / Authentication (16+)',
     'accepts delegated Kerberos credentials the server can then use to '
     'connect to other hosts', 'gss_accept_delegation'),
    ('Connections and Authentication / Authentication', KEYS,
     'krb_server_keyfile'),
    ('Connections and Authentication / SSL', TLS, 'ssl', 'ssl_ca_file',
     'ssl_cert_file', 'ssl_crl_file', 'ssl_crl_dir', 'ssl_key_file',
     'ssl_dh_params_file', 'ssl_ciphers', 'ssl_prefer_server_ciphers',
     'ssl_ecdh_curve', 'ssl_min_protocol_version',
     'ssl_max_protocol_version', 'ssl_passphrase_command_supports_reload'),
    ('Connections and Authentication / SSL', COMMAND,
     'ssl_passphrase_command'),
    ('Write Ahead Log / Archiving', COMMAND, 'archive_command'),
    ('Write Ahead Log / Archiving', LIBRARY, 'archive_library'),
    ('Write Ahead Log / Archive Recovery', COMMAND, 'restore_command',
     'archive_cleanup_command', 'recovery_end_command'),
    ('Replication / Standby Servers', REMOTE, 'primary_conninfo'),
    ('Replication / Standby Servers (15 only)', PATH,
     'promote_trigger_file'),
    # Not in the upstream documentation; reported by pg_settings under
    # Replication / Sending Servers by the packaged server.
    ('Replication / Sending Servers (distribution setting)', LIBRARY,
     'output_plugin_libraries'),
    ('Error Reporting and Logging / Where to Log', PATH, 'log_directory',
     'log_filename', 'log_file_mode'),
    ('Error Reporting and Logging / Where to Log',
     'registers an event log source on the host (Windows)', 'event_source'),
    ('Run-time Statistics (14 and older)', PATH, 'stats_temp_directory'),
    ('Client Connection Defaults / Shared Library Preloading', LIBRARY,
     'shared_preload_libraries', 'session_preload_libraries',
     'local_preload_libraries', 'jit_provider'),
    ('Client Connection Defaults / Other Defaults', LIBRARY,
     'dynamic_library_path'),
    # Only a superuser may SET it; in the configuration it applies to
    # every session.
    ('Client Connection Defaults / Statement Behavior',
     'as "replica", switches off ordinary triggers and foreign-key checks '
     'for every session', 'session_replication_role'),
    ('Client Connection Defaults / Statement Behavior (17)',
     'switches off event triggers, which may enforce policy',
     'event_triggers'),
    ('Version and Platform Compatibility / Previous PostgreSQL Versions',
     'switches off privilege checks on large objects',
     'lo_compat_privileges'),
    ('Version and Platform Compatibility / Other Platforms and Clients '
     '(17)', "decides whether ALTER SYSTEM may rewrite the operator's "
     'configuration', 'allow_alter_system'),
    ('Developer Options', 'lets the system catalogs be modified',
     'allow_system_table_mods'),
    ('Developer Options', INTEGRITY, 'ignore_system_indexes',
     'zero_damaged_pages', 'ignore_checksum_failure',
     'ignore_invalid_pages'),
    ('Developer Options', 'creates tablespaces as directories inside the '
     'data directory', 'allow_in_place_tablespaces'),
    ('Developer Options', 'writes files into the data directory or /tmp on '
     'every JIT compilation', 'jit_dump_bitcode', 'jit_profiling_support'),
)

# Every PostgreSQL setting starting with "ssl" is about TLS.
POSTGRESQL_PREFIXES = (
    ('ssl', Unsafe('ssl*', TLS, 'Connections and Authentication / SSL')),
)

GALERA = _table(
    ('Galera Cluster System Variables', LIBRARY, 'wsrep_provider'),
    ('Galera Cluster System Variables', COMMAND, 'wsrep_notify_cmd',
     # Selects the wsrep_sst_<method> script the server runs.
     'wsrep_sst_method'),
    ('Galera Cluster System Variables', REMOTE, 'wsrep_cluster_address',
     'wsrep_node_address', 'wsrep_node_incoming_address',
     'wsrep_sst_receive_address',
     # Carries listen addresses, key and certificate paths of the provider.
     'wsrep_provider_options'),
    ('Galera Cluster System Variables',
     'the user:password of state transfers between nodes',
     'wsrep_sst_auth'),
    ('Galera Cluster System Variables',
     'decides which hosts may join the cluster', 'wsrep_allowlist'),
    ('Galera Cluster System Variables', TLS, 'wsrep_ssl_mode'),
    ('Galera Cluster System Variables', PATH, 'wsrep_data_home_dir',
     'wsrep_status_file'),
    ('Galera Cluster System Variables', DEBUG_TRACE, 'wsrep_dbug_option'),
)

# Names MariaDB and MySQL share, with the same meaning.
_MYSQL_FAMILY = (
    ('Server System Variables', SQL, 'init_file', 'init_connect'),
    ('Server System Variables', LIBRARY, 'plugin_dir'),
    ('mariadbd Options', LIBRARY, 'plugin_load', 'plugin_load_add'),
    ('Server System Variables', PATH, 'datadir', 'basedir', 'tmpdir',
     'pid_file', 'character_sets_dir', 'lc_messages_dir',
     'general_log_file', 'slow_query_log_file', 'log_error',
     'ft_stopword_file', 'log_tc'),
    ('Server System Variables', 'opens host directories to LOAD DATA, '
     'SELECT ... INTO OUTFILE and LOAD_FILE()', 'secure_file_priv'),
    # Debug builds only.
    ('Server System Variables', DEBUG_TRACE, 'debug'),
    ('Server System Variables', SOCKET, 'socket', 'port', 'bind_address'),
    ('Server System Variables', 'switches off TCP connections, which '
     'Trove and users need', 'skip_networking'),
    ('Server System Variables', 'switches off authentication and every '
     'privilege check', 'skip_grant_tables'),
    ('Server System Variables', 'decides whether connections must use TLS',
     'require_secure_transport'),
    ('Replication and Binary Log System Variables', PATH, 'log_bin',
     'log_bin_basename', 'log_bin_index', 'relay_log', 'relay_log_basename',
     'relay_log_index', 'relay_log_info_file', 'master_info_file',
     'slave_load_tmpdir'),
    ('Replication and Binary Log System Variables', SQL, 'init_slave'),
    ('Replication and Binary Log System Variables', 'lets accounts without '
     'SUPER create stored functions', 'log_bin_trust_function_creators'),
    ('InnoDB System Variables', PATH, 'innodb_data_home_dir',
     'innodb_data_file_path', 'innodb_temp_data_file_path',
     'innodb_log_group_home_dir', 'innodb_undo_directory', 'innodb_tmpdir',
     'innodb_buffer_pool_filename'),
    ('SSL/TLS System Variables', TLS, 'ssl', 'ssl_ca', 'ssl_capath',
     'ssl_cert', 'ssl_cipher', 'ssl_crl', 'ssl_crlpath', 'ssl_key',
     'tls_version'),
)

MARIADB = _table(
    *_MYSQL_FAMILY,
    ('Server System Variables', 'lets plugins of lower maturity be '
     'loaded', 'plugin_maturity'),
    ('Server System Variables', PATH, 'log_slow_query_file',
     'log_basename'),
    ('Server System Variables', DEBUG_TRACE, 'debug_dbug'),
    ('Server System Variables', SOCKET, 'extra_port'),
    ('Server System Variables', 'lets the listed networks claim any client '
     'address, defeating host-based accounts', 'proxy_protocol_networks'),
    ('Server System Variables', 'allows or creates old, weak password '
     'hashes', 'secure_auth', 'old_passwords'),
    ('Aria System Variables', PATH, 'aria_log_dir_path'),
    ('SQL Error Log Plugin System Variables', PATH,
     'sql_error_log_filename'),
    ('Mroonga System Variables', PATH, 'mroonga_log_file'),
    ('MyRocks System Variables', PATH, 'rocksdb_datadir', 'rocksdb_wal_dir',
     'rocksdb_tmpdir', 'rocksdb_persistent_cache_path'),
    ('Feedback Plugin System Variables', REMOTE, 'feedback_url',
     'feedback_http_proxy'),
    ('S3 Storage Engine System Variables', REMOTE, 's3_host_name',
     's3_port', 's3_use_http', 's3_bucket', 's3_region', 's3_access_key',
     's3_secret_key'),
    ('Cracklib Password Check Plugin', PATH,
     'cracklib_password_check_dictionary'),
    ('Authentication Plugin - GSSAPI', KEYS, 'gssapi_keytab_path',
     'gssapi_principal_name', 'gssapi_mech_name'),
)
MARIADB.update(GALERA)

MARIADB_PREFIXES = (
    ('ssl_', Unsafe('ssl_*', TLS, 'SSL/TLS System Variables')),
    ('tls_', Unsafe('tls_*', TLS, 'SSL/TLS System Variables')),
    ('server_audit_', Unsafe('server_audit_*', AUDIT,
                             'MariaDB Audit Plugin System Variables')),
    ('file_key_management_', Unsafe(
        'file_key_management_*', KEYS,
        'File Key Management Encryption Plugin')),
    ('hashicorp_key_management_', Unsafe(
        'hashicorp_key_management_*', KEYS,
        'Hashicorp Key Management Plugin')),
    ('aws_key_management_', Unsafe(
        'aws_key_management_*', KEYS, 'AWS Key Management Plugin')),
    ('pam_', Unsafe('pam_*', AUTH, 'Authentication Plugin - PAM')),
    ('gssapi_', Unsafe('gssapi_*', AUTH, 'Authentication Plugin - GSSAPI')),
)

MYSQL = _table(
    *_MYSQL_FAMILY,
    ('Server System Variables', SQL, 'init_replica'),
    ('Server System Variables', LIBRARY, 'early_plugin_load',
     # 8.0.30 and later load a named log component that is not loaded.
     'log_error_services'),
    ('Server System Variables', SOCKET, 'admin_address', 'admin_port'),
    ('Server System Variables', 'selects the authentication method of '
     'new accounts', 'default_authentication_plugin',
     'authentication_policy'),
    ('Server System Variables', 'lets accounts act as other accounts '
     '(proxy users)', 'check_proxy_users',
     'mysql_native_password_proxy_users', 'sha256_password_proxy_users'),
    ('Server System Variables', 'lets a TLS client subject persist '
     'restricted settings', 'persist_only_admin_x509_subject'),
    ('Server System Variables', 'writes statements with their passwords '
     'unrewritten to the general log', 'log_raw'),
    ('Server System Variables', 'grants roles to every account',
     'mandatory_roles'),
    ('Server System Variables', 'changes how revoked privileges apply',
     'partial_revokes'),
    ('Server System Variables', PRIVILEGE,
     'table_encryption_privilege_check'),
    ('Server System Variables', TLS, 'auto_generate_certs'),
    ('Server System Variables', KEYS,
     'caching_sha2_password_private_key_path',
     'caching_sha2_password_public_key_path',
     'caching_sha2_password_auto_generate_rsa_keys',
     'sha256_password_private_key_path', 'sha256_password_public_key_path',
     'sha256_password_auto_generate_rsa_keys'),
    ('Replication and Binary Logging Options and Variables', PATH,
     'replica_load_tmpdir'),
    ('InnoDB Startup Options and System Variables', PATH,
     'innodb_directories', 'innodb_temp_tablespaces_dir',
     'innodb_doublewrite_dir', 'innodb_redo_log_archive_dirs'),
    ('X Plugin Options and System Variables', SOCKET, 'mysqlx_socket',
     'mysqlx_bind_address', 'mysqlx_port'),
    ('Clone System Variables', REMOTE, 'clone_valid_donor_list'),
    ('Clone System Variables', TLS, 'clone_ssl_ca', 'clone_ssl_cert',
     'clone_ssl_key'),
    ('Group Replication System Variables', REMOTE,
     'group_replication_local_address', 'group_replication_group_seeds',
     'group_replication_ip_allowlist', 'group_replication_ip_whitelist'),
    ('Group Replication System Variables', TLS,
     'group_replication_ssl_mode', 'group_replication_recovery_use_ssl',
     'group_replication_recovery_public_key_path'),
    sections={
        'InnoDB System Variables':
            'InnoDB Startup Options and System Variables',
        'Replication and Binary Log System Variables':
            'Replication and Binary Logging Options and Variables',
        'mariadbd Options': 'Server Command Options',
        'SSL/TLS System Variables': 'Server System Variables (TLS)',
    },
)

MYSQL_PREFIXES = (
    ('ssl_', Unsafe('ssl_*', TLS, 'Server System Variables (TLS)')),
    ('tls_', Unsafe('tls_*', TLS, 'Server System Variables (TLS)')),
    ('admin_ssl_', Unsafe('admin_ssl_*', TLS, 'Server System Variables')),
    ('admin_tls_', Unsafe('admin_tls_*', TLS, 'Server System Variables')),
    ('mysqlx_ssl_', Unsafe('mysqlx_ssl_*', TLS,
                           'X Plugin Options and System Variables')),
    ('keyring_', Unsafe('keyring_*', KEYS, 'Keyring System Variables')),
    ('authentication_', Unsafe(
        'authentication_*', AUTH,
        'Server System Variables (authentication plugins)')),
    ('group_replication_recovery_ssl_', Unsafe(
        'group_replication_recovery_ssl_*', TLS,
        'Group Replication System Variables')),
    ('group_replication_recovery_tls_', Unsafe(
        'group_replication_recovery_tls_*', TLS,
        'Group Replication System Variables')),
    ('audit_log_', Unsafe('audit_log_*', AUDIT,
                          'Audit Log Options and Variables')),
)

ENGINES = {
    'postgresql': (POSTGRESQL, POSTGRESQL_PREFIXES),
    'mariadb': (MARIADB, MARIADB_PREFIXES),
    'mysql': (MYSQL, MYSQL_PREFIXES),
    'pxc': (dict(MYSQL, **GALERA), MYSQL_PREFIXES),
}
ENGINE_DOCS = {'postgresql': PG_DOC, 'mariadb': MARIADB_DOC,
               'mysql': MYSQL_DOC, 'pxc': MYSQL_DOC}
MANAGER_ENGINES = {'postgresql': 'postgresql', 'mariadb': 'mariadb',
                   'mysql': 'mysql', 'percona': 'mysql', 'pxc': 'pxc'}

# mysqld reads option names with '-' or '_', with a "loose" prefix, and
# boolean options with skip/disable/enable prefixes ("skip-ssl" is
# ssl=0). Unambiguous abbreviations of option names are not recognised
# here: a rule's name is the exact name the guest agent writes.
_MYSQL_PREFIXES = ('loose_', 'skip_', 'disable_', 'enable_', 'maximum_')

# Settings of the servers on this machine whose names look dangerous
# (see tests/functional/test_rules_safety.py) and that were reviewed and
# found harmless: {name: reason}.
REVIEWED_SAFE = {
    'postgresql': {
        'archive_mode': 'turns archiving on; what runs is archive_command',
        'archive_timeout': 'how often a WAL segment is switched',
        'authentication_timeout': 'how long a login may take',
        'log_destination': 'stderr, csvlog, jsonlog or syslog; files stay '
                           'in log_directory',
        'logging_collector': 'whether the collector writes log_directory',
        'log_rotation_age': 'when a log file is rotated',
        'log_rotation_size': 'when a log file is rotated',
        'log_truncate_on_rotation': 'how a rotated log file is reused',
        'syslog_facility': 'a syslog facility name, no path',
        'syslog_ident': 'a program name in syslog messages, no path',
        'syslog_sequence_numbers': 'formatting of syslog messages',
        'syslog_split_messages': 'formatting of syslog messages',
        'max_files_per_process': 'a count of open files',
        'recovery_init_sync_method': 'how files are synced after a crash',
        'remove_temp_files_after_crash': 'cleanup after a crash',
        'temp_file_limit': 'a size limit',
        'log_temp_files': 'what is logged',
        'timezone_abbreviations': 'names a file of the share/timezonesets '
                                  'directory; paths are refused',
        'log_hostname': 'logs client host names (DNS lookups)',
        'pre_auth_delay': 'a delay before authentication, for debugging',
        'post_auth_delay': 'a delay after authentication, for debugging',
        'search_path': 'schemas, privilege-checked',
        'restrict_nonsystem_relation_kind': 'only adds restrictions',
        'log_replication_commands': 'what is logged',
        'primary_slot_name': 'a slot name on the primary that '
                             'primary_conninfo names',
        'bonjour_name': 'a service name advertised when built with Bonjour',
        'temp_tablespaces': 'tablespaces, privilege-checked; not paths',
    },
    'mariadb': {
        'automatic_sp_privileges': 'grants creators rights on their own '
                                   'routines; off is stricter',
        'core_file': 'a core dump into the data directory on a crash',
        'ignore_db_dirs': 'directory names inside datadir to ignore',
        'innodb_ft_user_stopword_table': 'a table, privilege-checked',
        'local_infile': 'LOAD DATA LOCAL reads files of the client',
        'report_host': 'information shown in SHOW SLAVE HOSTS',
        'report_password': 'information shown in SHOW SLAVE HOSTS',
        'secure_timestamp': 'only restricts who may set the timestamp',
        'strict_password_validation': 'matters only with a password '
                                      'validation plugin, which only the '
                                      'operator can load',
        'disconnect_on_expired_password': 'sandbox mode for expired '
                                          'passwords',
        'max_password_errors': 'a limit',
        'default_password_lifetime': 'password expiry',
        'character_set_filesystem': 'how file names are converted, not '
                                    'which files',
        'wsrep_sst_donor': 'a node name of the cluster',
        'wsrep_cluster_name': 'a name, no address',
        'wsrep_node_name': 'a name, no address',
        'aria_sync_log_dir': 'when the log directory is synced',
        'report_port': 'information shown in SHOW SLAVE HOSTS',
        'default_regex_flags': 'flags of the regular expression library',
    },
}


def engine(manager):
    """The engine key of a datastore manager, or None if unknown."""
    return MANAGER_ENGINES.get((manager or '').lower())


def _candidates(name, key):
    name = name.lower()
    if key == 'postgresql':
        return (name,)
    name = name.replace('-', '_')
    found = [name]
    for prefix in _MYSQL_PREFIXES:
        if name.startswith(prefix):
            found.append(name[len(prefix):])
            if prefix == 'loose_':
                found += [name[len(prefix) + len(p):]
                          for p in _MYSQL_PREFIXES[1:]
                          if name[len(prefix):].startswith(p)]
    return found


def _lookup(name, key):
    names, prefixes = ENGINES[key]
    for candidate in _candidates(name, key):
        if candidate in names:
            return names[candidate]
        for prefix, entry in prefixes:
            if candidate.startswith(prefix):
                return entry._replace(name=candidate)
    return None


def check(manager, name):
    """The Unsafe entry of ``name`` for the engine of ``manager``, or
    None when it is safe. An unknown manager checks every engine."""
    key = engine(manager)
    for candidate_key in ([key] if key else list(ENGINES)):
        found = _lookup(name, candidate_key)
        if found is not None:
            return found._replace(name=name)
    return None


def find(manager, names):
    """The Unsafe entries of ``names``, in the order given."""
    return [entry for entry in (check(manager, name) for name in names)
            if entry is not None]


def entries(key):
    """Every listed name and prefix of an engine, sorted by name."""
    names, prefixes = ENGINES[key]
    listed = list(names.values()) + [entry for _, entry in prefixes]
    return sorted(listed, key=lambda entry: entry.name)

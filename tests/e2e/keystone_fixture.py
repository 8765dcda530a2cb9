"""trove-datastore behind real Keystone and Glance, for the end-to-end suite.

The Keystone + Glance stack (tools/keystone_glance) is shared by everything
that runs on this machine under one stack directory, and a test stops Glance
on purpose, so whoever uses it holds :class:`StackLock` for as long as it
does. Helpers here:

* :func:`bring_up_stack` runs setup.sh (idempotent) and start.sh;
* :func:`service_conf` is the trove.conf text for auth_strategy = keystone
  and [image] source = glance with the ``trove`` service account;
* :func:`register_endpoint` puts a ``database`` service and endpoint in the
  catalog so that the openstack CLI finds the service with password auth;
* :func:`expiring_token` returns a real token that expires seconds later;
* :func:`openstack` runs the real CLI with password auth as a stack user;
* :func:`call` is one HTTP request with a token.
"""

import datetime
import fcntl
from importlib import metadata
import json
import os
import subprocess
import time
import uuid

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
import requests

from tests.e2e import server
from tests.e2e import stack as e2e_stack

SERVICE_TYPE = 'database'
SERVICE_NAME = 'trove-datastore'
LOCK_NAME = 'e2e-suite.lock'


class StackLock(object):
    """An exclusive lock on the stack directory, across processes.

    stestr workers and concurrent test runs queue here instead of starting,
    stopping or reseeding the stack under each other's feet.
    """

    def __init__(self, directory=None):
        self.directory = directory or e2e_stack.stack_dir()
        self._file = None

    def acquire(self):
        os.makedirs(self.directory, exist_ok=True)
        self._file = open(os.path.join(self.directory, LOCK_NAME), 'a')
        fcntl.flock(self._file, fcntl.LOCK_EX)

    def release(self):
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _tool(script, *args):
    result = subprocess.run(
        [os.path.join(e2e_stack.TOOLS_DIR, script), *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
        check=False)
    if result.returncode != 0:
        raise RuntimeError('%s %s failed (%d):\n%s%s'
                           % (script, ' '.join(args), result.returncode,
                              result.stdout[-3000:], result.stderr[-3000:]))
    return result.stdout


def bring_up_stack():
    """Set up (first time only) and start Keystone and Glance; the stack."""
    _tool('setup.sh')
    _tool('start.sh')
    return e2e_stack.load_stack()


def stop_stack():
    _tool('stop.sh')


def service_conf(stack, account='trove'):
    """trove.conf sections for Keystone auth and Glance images.

    The same account validates tokens and reads Glance: it needs the admin
    or service role for the first and sees the service project's images.
    """
    user = stack['users'][account]
    identity = ('auth_type = password\nauth_url = %s\nusername = %s\n'
                'password = %s\nproject_name = %s\nuser_domain_name = %s\n'
                'project_domain_name = %s\nregion_name = %s\n'
                % (stack['auth_url'], user['username'], user['password'],
                   user['project_name'], stack['user_domain_name'],
                   stack['project_domain_name'], stack['region_name']))
    return ('[api]\nauth_strategy = keystone\n\n'
            '[keystone_authtoken]\nwww_authenticate_uri = %s\n%s\n'
            '[service_credentials]\n%s\n'
            '[image]\nsource = glance\ntimeout = 5\n'
            % (stack['www_authenticate_uri'], identity, identity))


def service_env():
    """Environment for the service's gunicorn.

    gunicorn 27 and later open a control socket in ~/.gunicorn unless told
    not to; older releases do not know the option.
    """
    try:
        major = int(metadata.version('gunicorn').split('.')[0])
    except (metadata.PackageNotFoundError, ValueError):
        return {}
    return {'GUNICORN_CMD_ARGS': '--no-control-socket'} if major >= 27 else {}


def _admin(stack):
    return e2e_stack.get_session(stack, 'admin')


def _identity(stack, method, path, **kwargs):
    response = _admin(stack).request(stack['auth_url'] + path, method,
                                     raise_exc=False, **kwargs)
    if response.status_code >= 400:
        raise RuntimeError('Keystone %s %s answered %d: %s'
                           % (method, path, response.status_code,
                              response.text))
    return response.json() if response.content else None


def unregister_endpoint(stack):
    """Remove every ``database`` service (their endpoints go with them)."""
    services = _identity(stack, 'GET', '/services?type=%s' % SERVICE_TYPE)
    for service in services['services']:
        _identity(stack, 'DELETE', '/services/%s' % service['id'])


def register_endpoint(stack, base_url):
    """Make ``base_url`` the public ``database`` endpoint, as an admin.

    Leftovers of an interrupted run are removed first: the port changes
    from run to run and the CLI would pick a stale endpoint.
    """
    unregister_endpoint(stack)
    service = _identity(stack, 'POST', '/services', json={'service': {
        'type': SERVICE_TYPE, 'name': SERVICE_NAME, 'enabled': True}})
    _identity(stack, 'POST', '/endpoints', json={'endpoint': {
        'service_id': service['service']['id'], 'interface': 'public',
        'region_id': stack['region_name'],
        'url': base_url + '/v1.0/%(tenant_id)s'}})


def expiring_token(stack, user='demo', seconds=3):
    """A token of ``user`` that is already expired when this returns.

    Keystone caps a token's lifetime at its application credential's
    expiry, so a credential that lives a few seconds yields a genuine,
    correctly signed token that has timed out.
    """
    account = stack['users'][user]
    expires = (datetime.datetime.now(datetime.timezone.utc)
               + datetime.timedelta(seconds=seconds))
    session = e2e_stack.get_session(stack, user)
    path = '%s/users/%s/application_credentials' % (stack['auth_url'],
                                                    account['user_id'])
    credential = session.post(path, json={'application_credential': {
        'name': 'e2e-expiring-%s' % uuid.uuid4().hex[:8],
        'expires_at': expires.strftime('%Y-%m-%dT%H:%M:%S.%f'),
    }}).json()['application_credential']
    token = ks_session.Session(auth=v3.ApplicationCredential(
        auth_url=stack['auth_url'],
        application_credential_id=credential['id'],
        application_credential_secret=credential['secret'])).get_token()
    delay = (expires - datetime.datetime.now(datetime.timezone.utc))
    time.sleep(max(delay.total_seconds(), 0) + 1)
    session.delete('%s/%s' % (path, credential['id']), raise_exc=False)
    return token


def project_url(base_url, stack, user):
    return '%s/v1.0/%s' % (base_url, stack['users'][user]['project_id'])


def call(method, url, token=None, body=None, timeout=30):
    """(status, JSON body or None, headers) of one request."""
    headers = {'Accept': 'application/json'}
    if token is not None:
        headers['X-Auth-Token'] = token
    if body is not None:
        headers['Content-Type'] = 'application/json'
    response = requests.request(
        method, url, headers=headers, timeout=timeout,
        data=json.dumps(body) if body is not None else None)
    try:
        document = response.json() if response.content else None
    except ValueError:
        document = response.text
    return response.status_code, document, response.headers


def openstack(stack, user, *args, check=True):
    """Run the real openstack CLI with password auth as ``user``.

    The CLI finds trove-datastore through the ``database`` endpoint of the
    catalog, like it would in a deployment; OS_* variables of the caller's
    environment are ignored.
    """
    account = stack['users'][user]
    command = [server.executable('openstack'),
               '--os-auth-type', 'password',
               '--os-auth-url', stack['auth_url'],
               '--os-identity-api-version', '3',
               '--os-username', account['username'],
               '--os-password', account['password'],
               '--os-project-name', account['project_name'],
               '--os-user-domain-name', stack['user_domain_name'],
               '--os-project-domain-name', stack['project_domain_name'],
               '--os-region-name', stack['region_name'],
               '--os-interface', 'public'] + list(args)
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    result = subprocess.run(command, capture_output=True, text=True,
                            timeout=120, env=env, stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise AssertionError('openstack %s failed (%d): %s%s'
                             % (' '.join(args), result.returncode,
                                result.stdout, result.stderr))
    return result


def openstack_json(stack, user, *args):
    return json.loads(openstack(stack, user, *args, '-f', 'json').stdout)

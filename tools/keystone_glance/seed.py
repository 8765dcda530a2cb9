"""Seed the test Keystone and describe the stack for the tests.

Run by setup.sh with the keystone venv's python while Keystone serves.
Every step looks before it creates, so running it again is harmless; users'
passwords are set again each time so their hashes use the configured (cheap)
bcrypt cost.

Writes $STACK_DIR/stack.json and $STACK_DIR/stack.env; all passwords in them
are test-only values.
"""
import json
import os
import shlex
import urllib.parse

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client as ks_client

KS_URL = os.environ["KS_URL"]
GLANCE_URL = os.environ["GLANCE_URL"]
REGION = os.environ["REGION"]
STACK_DIR = os.environ["STACK_DIR"]
ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]

# name -> (password, project, roles). "admin" comes from keystone-manage
# bootstrap; "glance" is the account glance's auth_token middleware uses.
# A service account needs admin or service to validate other users' tokens:
# with member only, auth_token answers 503, not 401.
USERS = {
    "admin": (ADMIN_PASSWORD, "admin", ["admin"]),
    "trove": ("trovepass", "service", ["admin", "service"]),
    "glance": (os.environ["GLANCE_PASSWORD"], "service", ["admin", "service"]),
    "demo": ("demopass", "demo", ["member"]),
    "other": ("otherpass", "other", ["member"]),
}
# Users the tests get to see in stack.json / stack.env.
EXPORTED = ("admin", "trove", "demo", "other")


def by_name(items, name):
    return next((item for item in items if item.name == name), None)


def ensure_endpoints(ks, service, url):
    """One endpoint per interface in REGION, pointing at url."""
    existing = {e.interface: e for e in ks.endpoints.list(service=service)
                if e.region_id == REGION}
    for interface in ("public", "internal", "admin"):
        endpoint = existing.get(interface)
        if endpoint is None:
            ks.endpoints.create(service=service, url=url,
                                interface=interface, region=REGION)
        elif endpoint.url != url:
            ks.endpoints.update(endpoint, url=url)


def seed(ks):
    roles = {role.name: role for role in ks.roles.list()}
    for needed in ("admin", "member", "service"):
        if needed not in roles:
            roles[needed] = ks.roles.create(name=needed)

    projects = {}
    users = {}
    for name, (password, project_name, role_names) in USERS.items():
        project = projects.get(project_name)
        if project is None:
            project = by_name(ks.projects.list(domain="default"), project_name)
            if project is None:
                project = ks.projects.create(name=project_name,
                                             domain="default")
            projects[project_name] = project
        user = by_name(ks.users.list(domain="default", name=name), name)
        if user is None:
            user = ks.users.create(name=name, domain="default",
                                   password=password,
                                   default_project=project)
        elif name != "admin":
            # Not for admin: bootstrap set its password already, and changing
            # it would revoke the token this script is working with.
            user = ks.users.update(user, password=password,
                                   default_project=project)
        for role_name in role_names:
            ks.roles.grant(roles[role_name], user=user, project=project)
        users[name] = {
            "username": name,
            "password": password,
            "user_id": user.id,
            "project_name": project_name,
            "project_id": project.id,
            "roles": role_names,
        }

    # keystone-manage bootstrap registered the identity endpoints; keep them
    # right if the port changed since.
    identity = by_name(ks.services.list(type="identity"), "keystone")
    if identity is not None:
        ensure_endpoints(ks, identity, KS_URL)
    image = by_name(ks.services.list(type="image"), "glance")
    if image is None:
        image = ks.services.create(name="glance", type="image",
                                   description="Image service")
    ensure_endpoints(ks, image, GLANCE_URL)
    return users


def write_outputs(users):
    keystone_root = KS_URL.rsplit("/v3", 1)[0]
    description = {
        "auth_url": KS_URL,
        "keystone_url": KS_URL,
        # what a service's [keystone_authtoken] www_authenticate_uri wants
        "www_authenticate_uri": keystone_root,
        "keystone_port": urllib.parse.urlsplit(KS_URL).port,
        "glance_url": GLANCE_URL,
        "glance_port": urllib.parse.urlsplit(GLANCE_URL).port,
        "region_name": REGION,
        "user_domain_name": "Default",
        "project_domain_name": "Default",
        "stack_dir": STACK_DIR,
        "users": {name: users[name] for name in EXPORTED},
    }
    json_path = os.path.join(STACK_DIR, "stack.json")
    with open(json_path + ".tmp", "w") as out:
        json.dump(description, out, indent=2, sort_keys=True)
        out.write("\n")
    os.replace(json_path + ".tmp", json_path)

    env = {
        "TROVE_E2E_STACK_DIR": STACK_DIR,
        "TROVE_E2E_AUTH_URL": KS_URL,
        "TROVE_E2E_WWW_AUTHENTICATE_URI": keystone_root,
        "TROVE_E2E_KEYSTONE_PORT": str(description["keystone_port"]),
        "TROVE_E2E_GLANCE_URL": GLANCE_URL,
        "TROVE_E2E_GLANCE_PORT": str(description["glance_port"]),
        "TROVE_E2E_REGION_NAME": REGION,
        "TROVE_E2E_USER_DOMAIN_NAME": "Default",
        "TROVE_E2E_PROJECT_DOMAIN_NAME": "Default",
    }
    for name in EXPORTED:
        prefix = f"TROVE_E2E_{name.upper()}_"
        info = users[name]
        env[prefix + "USERNAME"] = info["username"]
        env[prefix + "PASSWORD"] = info["password"]
        env[prefix + "USER_ID"] = info["user_id"]
        env[prefix + "PROJECT_NAME"] = info["project_name"]
        env[prefix + "PROJECT_ID"] = info["project_id"]
    env_path = os.path.join(STACK_DIR, "stack.env")
    with open(env_path + ".tmp", "w") as out:
        out.write("# Generated by tools/keystone_glance/setup.sh\n")
        for key, value in env.items():
            out.write(f"{key}={shlex.quote(value)}\n")
    os.replace(env_path + ".tmp", env_path)


def main():
    auth = v3.Password(auth_url=KS_URL, username="admin",
                       password=ADMIN_PASSWORD, project_name="admin",
                       user_domain_id="default", project_domain_id="default")
    # Talk to KS_URL, not to the catalog's identity endpoint: after a port
    # change the catalog still names the old port until seed() fixes it.
    ks = ks_client.Client(session=ks_session.Session(auth=auth),
                          endpoint_override=KS_URL)
    users = seed(ks)
    write_outputs(users)
    for name in EXPORTED:
        info = users[name]
        print(f"{name}: project {info['project_name']} {info['project_id']}"
              f" roles {','.join(info['roles'])}")
    print("seed ok")


if __name__ == "__main__":
    main()

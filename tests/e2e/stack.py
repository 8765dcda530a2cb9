"""Helpers for end-to-end tests that talk to the real Keystone + Glance stack.

The stack is built by tools/keystone_glance/setup.sh and started by its
start.sh; setup.sh describes it in ``$TROVE_E2E_STACK_DIR/stack.json``
(default ``~/.cache/trove-datastore/stack``). Typical use::

    from tests.e2e import stack as e2e_stack

    info = e2e_stack.load_stack()
    image = e2e_stack.upload_image(info, "mysql-5.7", ["trove", "mysql"])
    token = e2e_stack.get_token(info, "demo")
    ...
    e2e_stack.delete_images(info, [image])

Things worth knowing about the real Glance behind this:

* Images are created ``shared`` by default, so only the owning project (the
  ``service`` project of the ``trove`` user, by default) sees them.
* ``created_at`` has one-second resolution: to make one image "the latest",
  create it at least a second after the others.
* When glanceclient follows a ``next`` link, Glance keeps only the last
  ``tag`` filter, so on page two and later a multi-tag filter matches
  images carrying just one of the tags. Ask for ``limit=1`` or re-check the
  tags of what comes back.
* An image that never received data stays ``queued`` and still matches tag
  filters; filter on ``status=active`` where that matters.

Only keystoneauth1, python-glanceclient and the standard library are used,
so this module works in the project's own test environment.
"""
import io
import json
import os
import subprocess
import urllib.error
import urllib.request

from glanceclient import client as glance_client
from glanceclient import exc as glance_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

TOOLS_DIR = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools",
    "keystone_glance"))
IMAGE_STATUSES = ("active", "queued", "deactivated")


class StackNotReady(RuntimeError):
    """stack.json is missing: setup.sh has not been run for this directory."""


def stack_dir():
    """The stack's state directory, as setup.sh chooses it."""
    return os.environ.get("TROVE_E2E_STACK_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "trove-datastore", "stack")


def load_stack(path=None):
    """Read stack.json and return it as a dict.

    ``path`` defaults to ``$TROVE_E2E_STACK_JSON``, then to stack.json in
    :func:`stack_dir`. Keys: auth_url, keystone_url, www_authenticate_uri,
    keystone_port, glance_url, glance_port, region_name, user_domain_name,
    project_domain_name, stack_dir and users; ``users`` maps admin, trove,
    demo and other to username, password, user_id, project_name,
    project_id and roles.
    """
    path = (path or os.environ.get("TROVE_E2E_STACK_JSON")
            or os.path.join(stack_dir(), "stack.json"))
    try:
        with open(path) as source:
            return json.load(source)
    except FileNotFoundError:
        raise StackNotReady(
            f"{path} not found; run {TOOLS_DIR}/setup.sh first") from None


def _user(stack, user):
    try:
        return stack["users"][user]
    except KeyError:
        raise KeyError(f"no user {user!r} in stack.json; known: "
                       f"{', '.join(sorted(stack['users']))}") from None


def auth_plugin(stack, user="trove"):
    """A keystoneauth1 Password plugin scoped to the user's project."""
    account = _user(stack, user)
    return v3.Password(
        auth_url=stack["auth_url"],
        username=account["username"],
        password=account["password"],
        project_id=account["project_id"],
        user_domain_name=stack["user_domain_name"])


def get_session(stack, user="trove"):
    """A keystoneauth1 session for ``user`` (trove, demo, other or admin)."""
    return ks_session.Session(auth=auth_plugin(stack, user))


def get_token(stack, user="demo"):
    """A fresh project-scoped token for ``user``."""
    return get_session(stack, user).get_token()


def glance(stack, user="trove"):
    """A glanceclient v2 client for ``user`` (Glance from the catalog)."""
    return glance_client.Client(
        "2", session=get_session(stack, user),
        region_name=stack["region_name"], interface="public")


def upload_image(stack, name, tags, status="active", user="trove",
                 data=b"trove-datastore e2e image\n", visibility=None,
                 disk_format="raw", container_format="bare", **properties):
    """Create an image owned by ``user``'s project and return it as a dict.

    status:
      ``active``      data is uploaded (the normal case)
      ``queued``      the record is created but no data ever arrives
      ``deactivated`` uploaded, then deactivated (needs an admin role,
                      which the trove user has)
    ``visibility`` defaults to Glance's own default (``shared``); extra
    keyword arguments become image properties.
    """
    if status not in IMAGE_STATUSES:
        raise ValueError(f"status must be one of {IMAGE_STATUSES}")
    client = glance(stack, user)
    fields = dict(properties, name=name, tags=list(tags),
                  disk_format=disk_format, container_format=container_format)
    if visibility is not None:
        fields["visibility"] = visibility
    image = client.images.create(**fields)
    if status != "queued":
        client.images.upload(image["id"], io.BytesIO(data),
                             image_size=len(data))
    if status == "deactivated":
        client.images.deactivate(image["id"])
    return dict(client.images.get(image["id"]))


def list_images(stack, tags=(), status=None, user="trove", **kwargs):
    """Images visible to ``user`` carrying every tag in ``tags``.

    Tags are re-checked here because Glance forgets all but the last tag
    filter after the first page.
    """
    filters = {}
    if tags:
        filters["tag"] = list(tags)
    if status:
        filters["status"] = status
    wanted = set(tags)
    return [dict(image)
            for image in glance(stack, user).images.list(filters=filters,
                                                         **kwargs)
            if wanted <= set(image["tags"])]


def delete_images(stack, images, user="trove"):
    """Delete images given as dicts or ids; already-gone ones are skipped.

    Returns how many were deleted.
    """
    client = glance(stack, user)
    deleted = 0
    for image in images:
        image_id = image["id"] if isinstance(image, dict) else image
        try:
            client.images.delete(image_id)
        except glance_exc.HTTPNotFound:
            continue
        deleted += 1
    return deleted


def delete_images_tagged(stack, tags, user="trove"):
    """Delete every image of ``user``'s project carrying all ``tags``."""
    return delete_images(stack, list_images(stack, tags, user=user), user)


def _run_tool(script, *args, stack=None):
    env = dict(os.environ)
    if stack is not None:
        env["TROVE_E2E_STACK_DIR"] = stack["stack_dir"]
    result = subprocess.run(
        [os.path.join(TOOLS_DIR, script), *args], env=env,
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
        check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed "
                           f"({result.returncode}):\n{result.stdout}"
                           f"{result.stderr}")
    return result.stdout


def start(*services, stack=None):
    """Start keystone and/or glance (both by default) and wait for them."""
    return _run_tool("start.sh", *services, stack=stack)


def stop(*services, stack=None):
    """Stop keystone and/or glance (both by default) and wait until gone."""
    return _run_tool("stop.sh", *services, stack=stack)


def stop_glance(stack=None):
    """Stop Glance alone, e.g. to see how the service copes without it."""
    return stop("glance", stack=stack)


def start_glance(stack=None):
    """Start Glance again after :func:`stop_glance` and wait for it."""
    return start("glance", stack=stack)


def glance_is_up(stack):
    """True when Glance answers its health check."""
    try:
        with urllib.request.urlopen(stack["glance_url"] + "/healthcheck",
                                    timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False

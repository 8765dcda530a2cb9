"""Smoke check of the running Keystone + Glance stack, as trove-datastore
uses it.

    tools/keystone_glance/start.sh
    $TROVE_E2E_STACK_DIR/keystone-venv/bin/python \
        tools/keystone_glance/check.py
    tools/keystone_glance/stop.sh

Uses tests/fixtures/stack.py for everything it can, so the helpers the tests
rely on are exercised too. Needs keystonemiddleware and webob besides the
helpers' own imports (the keystone venv has them all). Creates images under
a tag unique to this run and deletes them again. Stops and restarts Glance
once, unless --no-restart is given. Prints "N passed, M failed"; exits 1 on
any failure.
"""
import argparse
import importlib.util
import json
import logging
import os
import sys
import time
import uuid
import warnings

import webob
from keystonemiddleware import auth_token

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = []


def load_helpers():
    # By file path: a "tests" package installed in the venv must not win.
    path = os.path.join(HERE, "..", "..", "tests", "fixtures", "stack.py")
    spec = importlib.util.spec_from_file_location("e2e_stack", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    suffix = ' - ' + str(detail) if detail else ''
    print(f"{'PASS' if ok else 'FAIL'} {name}{suffix}")
    return bool(ok)


def glance_checks(helpers, info, tag):
    """The trove service user finds images by tags, newest first."""
    first = helpers.upload_image(info, f"{tag}-old", ["trove", "mysql", tag])
    time.sleep(1.1)  # created_at has one-second resolution
    latest = helpers.upload_image(info, f"{tag}-new", ["trove", "mysql", tag])
    queued = helpers.upload_image(info, f"{tag}-queued",
                                  ["trove", "mysql", tag], status="queued")
    helpers.upload_image(info, f"{tag}-pg", ["trove", "postgresql", tag])
    check("uploaded images are active",
          first["status"] == latest["status"] == "active")
    check("queued image stays queued", queued["status"] == "queued")

    client = helpers.glance(info, "trove")
    found = [dict(i) for i in client.images.list(
        filters={"tag": ["mysql", tag], "status": "active"},
        sort="created_at:desc")]
    check("tag + status filter lists the two active mysql images",
          [i["id"] for i in found] == [latest["id"], first["id"]],
          [i["name"] for i in found])
    newest = [dict(i) for i in client.images.list(
        filters={"tag": ["mysql", tag], "status": "active"},
        sort="created_at:desc", limit=1)]
    check("limit=1 gives the newest",
          [i["id"] for i in newest] == [latest["id"]])
    everything = helpers.list_images(info, ["mysql", tag])
    check("without a status filter the queued image matches too",
          queued["id"] in {i["id"] for i in everything}, len(everything))
    check("demo does not see the service project's shared images",
          helpers.list_images(info, [tag], user="demo") == [])


def restart_checks(helpers, info, tag):
    """Glance can be stopped and started again while Keystone keeps running."""
    t0 = time.monotonic()
    helpers.stop_glance(info)
    check("glance down after stop_glance", not helpers.glance_is_up(info),
          f"{time.monotonic() - t0:.1f}s")
    t0 = time.monotonic()
    helpers.start_glance(info)
    check("glance up after start_glance", helpers.glance_is_up(info),
          f"{time.monotonic() - t0:.1f}s")
    check("images survive a glance restart",
          len(helpers.list_images(info, [tag], status="active")) == 3)


def middleware_checks(helpers, info):
    """A demo token is accepted by keystonemiddleware with trove's account."""
    def echo_identity(environ, start_response):
        seen = {key: environ.get(key) for key in (
            "HTTP_X_IDENTITY_STATUS", "HTTP_X_PROJECT_ID", "HTTP_X_ROLES",
            "HTTP_X_USER_NAME")}
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(seen).encode()]

    trove = info["users"]["trove"]
    app = auth_token.AuthProtocol(echo_identity, {
        "www_authenticate_uri": info["www_authenticate_uri"],
        "auth_url": info["www_authenticate_uri"],
        "auth_type": "password",
        "username": trove["username"],
        "password": trove["password"],
        "project_name": trove["project_name"],
        "user_domain_name": info["user_domain_name"],
        "project_domain_name": info["project_domain_name"],
        "region_name": info["region_name"],
        "delay_auth_decision": "false",
    })

    def call(token):
        headers = {"X-Auth-Token": token} if token else {}
        return webob.Request.blank("/", headers=headers).get_response(app)

    for user in ("demo", "other"):
        response = call(helpers.get_token(info, user))
        if not check(f"{user} token accepted", response.status_int == 200,
                     response.status):
            continue
        seen = json.loads(response.body)
        check(f"{user} token carries its project and member role",
              seen["HTTP_X_PROJECT_ID"] == info["users"][user]["project_id"]
              and "member" in seen["HTTP_X_ROLES"].split(","),
              f"{seen['HTTP_X_USER_NAME']} {seen['HTTP_X_ROLES']}")
    response = call("not-a-token-" + uuid.uuid4().hex)
    check("bogus token refused with 401", response.status_int == 401,
          response.status)
    response = call(None)
    check("missing token refused with 401", response.status_int == 401,
          response.status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-restart", action="store_true",
                        help="do not stop and start glance")
    args = parser.parse_args()
    # keystonemiddleware's known-harmless warnings (options passed as a dict,
    # in-process token cache) would bury the results.
    logging.basicConfig(level=logging.ERROR)
    warnings.simplefilter("ignore")

    t0 = time.monotonic()
    helpers = load_helpers()
    info = helpers.load_stack()
    # stevedore caches entry points under $XDG_CACHE_HOME; keep that with
    # the stack, like the servers do, instead of in the user's cache.
    os.environ.setdefault("XDG_CACHE_HOME",
                          os.path.join(info["stack_dir"], "cache"))
    tag = "check-" + uuid.uuid4().hex[:8]
    try:
        for step in (lambda: glance_checks(helpers, info, tag),
                     lambda: None if args.no_restart
                     else restart_checks(helpers, info, tag),
                     lambda: middleware_checks(helpers, info)):
            try:
                step()
            # Report, then go on with the next group.
            except Exception as error:  # noqa: B902
                check("no unexpected error", False,
                      f"{type(error).__name__}: {error}")
    finally:
        if helpers.glance_is_up(info):
            removed = helpers.delete_images_tagged(info, [tag])
            check("test images deleted",
                  removed == 4 and helpers.list_images(info, [tag]) == [],
                  removed)
    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed"
          f" in {time.monotonic() - t0:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The official Huawei Cloud Python SDK (huaweicloudsdkcss) as a real client of css-emulator.

Each check starts the built emulator on a free loopback port and talks to it only through the
SDK's CssClient (AK/SK signing, its own URL building, its own reply and error parsing), so the
emulator is held to the protocol the service's own SDK speaks.

Run through tests/sdk/run; alone: CSS_EMULATOR=target/debug/css-emulator python tests/sdk/test_sdk.py
Ends with the line "N passed, N failed"; exits 1 if anything failed.
"""

import json
import logging
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.request

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import (
    ClientRequestException,
    ConnectionException,
    ServerResponseException,
)
from huaweicloudsdkcss.v1 import (
    CreateSnapshotReq,
    CreateSnapshotRequest,
    CssClient,
    ListSnapshotsRequest,
)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EMULATOR = os.environ.get("CSS_EMULATOR", os.path.join(ROOT, "target", "debug", "css-emulator"))

# The spec's example project and cluster: the emulator's default cluster.
PROJECT_ID = "6204a5bd270343b5885144cf9c8c158d"
CLUSTER_ID = "ea244205-d641-45d9-9dcb-ab2236bcd07e"
# Made-up keys: the emulator does not check AK/SK signatures (only --token's X-Auth-Token).
AK = "EMULATORAK0000000000"
SK = "emulator-secret-key-not-real-0000000000"

# The SDK logs each failed call (a dropped connection is a test here, not news); keep it quiet.
logging.getLogger("HuaweiCloud-SDK-CssClient").addHandler(logging.NullHandler())

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Emulator:
    """A css-emulator process on a free port, stopped on exit from the `with` block."""

    def __init__(self, *args):
        self.args = [EMULATOR, "--listen", "127.0.0.1:0", *args]

    def __enter__(self):
        self.proc = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        line = self.proc.stdout.readline()
        m = re.match(r"^css-emulator listening on (http://127\.0\.0\.1:\d+)$", line.strip())
        if not m:
            self.proc.kill()
            raise RuntimeError(f"no listening line from {self.args}: {line!r} {self.proc.stderr.read()}")
        self.url = m.group(1)
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return False

    def requests(self):
        """What the emulator logged, oldest first."""
        with urllib.request.urlopen(f"{self.url}/_emulator/requests") as res:
            return json.load(res)

    def client(self):
        """A CssClient pointed at this emulator, the way the SDK documents an endpoint override."""
        credentials = BasicCredentials(AK, SK, PROJECT_ID)
        return (
            CssClient.new_builder()
            .with_credentials(credentials)
            .with_endpoints([self.url])
            .build()
        )


def create(client, name, indices=None, description=None):
    body = CreateSnapshotReq(name=name, indices=indices, description=description)
    return client.create_snapshot(CreateSnapshotRequest(cluster_id=CLUSTER_ID, body=body))


def list_backups(client):
    return client.list_snapshots(ListSnapshotsRequest(cluster_id=CLUSTER_ID)).backups or []


def assert_css_error_body(text, code):
    """The body is the CSS shape the page's parser reads first (src/outcome.rs parse_error_body:
    errCode / externalMessage), with `code`."""
    body = json.loads(text)
    assert isinstance(body, dict), text
    assert list(body) == ["errCode", "externalMessage"], text
    assert body["errCode"] == code, text
    assert body["externalMessage"].startswith(f"{code} : "), text


# ---- the checks -------------------------------------------------------------------------------


def test_create_then_list():
    with Emulator() as emu:
        client = emu.client()
        reply = create(client, "sdk_snapshot_001", indices="myindex1,myindex2", description="from the SDK")
        assert reply.status_code == 201, reply.status_code
        assert UUID.match(reply.backup.id), reply.backup.id
        assert reply.backup.name == "sdk_snapshot_001"

        backups = list_backups(client)
        assert [b.name for b in backups] == ["sdk_snapshot_001"], backups
        b = backups[0]
        assert b.id == reply.backup.id
        assert b.cluster_id == CLUSTER_ID
        assert b.indices == "myindex1,myindex2"
        assert b.description == "from the SDK"
        assert b.status in ("BUILDING", "COMPLETED"), b.status
        assert b.backup_method == "manual" and b.backup_type == "1"
        assert isinstance(b.start_time, int) and b.start_time > 0, b.start_time
        assert b.datastore.type == "elasticsearch"

        # What the SDK really sent: its own path, a JSON body with only the fields set, and AK/SK
        # signing rather than a token (which the emulator does not ask for without --token).
        log = emu.requests()
        assert [(r["method"], r["status"]) for r in log] == [("POST", 201), ("GET", 200)], log
        post = log[0]
        assert post["path"] == f"/v1.0/{PROJECT_ID}/clusters/{CLUSTER_ID}/index_snapshot", post
        assert post["content_type"].startswith("application/json"), post
        assert json.loads(post["body"]) == {
            "name": "sdk_snapshot_001",
            "indices": "myindex1,myindex2",
            "description": "from the SDK",
        }, post
        assert post["has_token"] is False, post


def test_minimal_reply_as_current_service_versions():
    with Emulator("--minimal-reply") as emu:
        client = emu.client()
        reply = create(client, "sdk_minimal")
        assert reply.status_code == 201
        assert UUID.match(reply.backup.id) and reply.backup.name == "sdk_minimal"
        assert [b.id for b in list_backups(client)] == [reply.backup.id]


def test_invalid_name_is_refused_with_the_body_the_page_reads():
    with Emulator() as emu:
        client = emu.client()
        try:
            create(client, "Bad Name")
        except ClientRequestException as e:
            assert e.status_code == 400, e
            # SDK 3.1.219's DefaultExceptionHandler reads error_code/error_msg, errorCode/errorMsg,
            # code/message (also nested), but not the CSS service's errCode/externalMessage: for
            # this shape it falls back to the status as error_code and the raw body as error_msg.
            assert e.error_code == "400", e.error_code
            assert_css_error_body(e.error_msg, "CSS.0001")
            assert "name" in json.loads(e.error_msg)["externalMessage"], e.error_msg
            assert re.fullmatch(r"[0-9a-f]{32}", e.request_id or ""), e.request_id
        else:
            raise AssertionError("Bad Name was accepted")
        assert list_backups(client) == []
        assert [r["status"] for r in emu.requests()] == [400, 200]


def test_a_used_name_is_a_409_with_the_css_shape():
    with Emulator() as emu:
        client = emu.client()
        create(client, "sdk_twice")
        try:
            create(client, "sdk_twice")
        except ClientRequestException as e:
            assert e.status_code == 409, e
            assert_css_error_body(e.error_msg, "CSS.0043")
        else:
            raise AssertionError("a used name was accepted")


def test_with_token_required_the_signed_sdk_request_is_refused_by_the_gateway():
    # AK/SK signing sends no X-Auth-Token; an emulator started with --token refuses it the way the
    # gateway does, in the generic shape, which the SDK does read.
    with Emulator("--token", "an-iam-token") as emu:
        client = emu.client()
        try:
            create(client, "sdk_no_token")
        except ClientRequestException as e:
            assert e.status_code == 403, e
            assert e.error_code == "APIG.0301", e.error_code
            assert "X-Auth-Token" in e.error_msg, e.error_msg
        else:
            raise AssertionError("accepted without the token")


def test_injected_faults_reach_the_sdk_as_the_service_would_send_them():
    with Emulator("--fault", "503:generic") as emu:
        client = emu.client()
        try:
            create(client, "sdk_fault")
        except ServerResponseException as e:
            assert e.status_code == 503, e
            assert e.error_code == "APIG.9503", e.error_code
        else:
            raise AssertionError("a 503 fault was taken for success")
        # The SDK does not retry a create by default: one request.
        assert [r["status"] for r in emu.requests()] == [503]
    with Emulator("--fault", "504:code") as emu:
        try:
            create(emu.client(), "sdk_fault")
        except ServerResponseException as e:
            assert (e.status_code, e.error_code) == (504, 504), (e.status_code, e.error_code)
    with Emulator("--fault", "drop") as emu:
        try:
            create(emu.client(), "sdk_fault")
        except ConnectionException:
            pass
        else:
            raise AssertionError("a dropped connection was taken for success")
        assert [r["status"] for r in emu.requests()] == [0]
        assert list_backups(emu.client()) == []


def main():
    if not os.access(EMULATOR, os.X_OK):
        print(f"css-emulator not built: {EMULATOR}", file=sys.stderr)
        return 2
    tests = [(n, f) for n, f in globals().items() if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        started = time.monotonic()
        try:
            fn()
        except Exception:  # noqa: BLE001 - every failure is reported and counted
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   {name} ({time.monotonic() - started:.2f} s)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

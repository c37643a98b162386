"""The modeline with the real yaml-language-server (VS Code's YAML extension), over LSP on stdio.

In a root with its own schemas/ and in one without, a record curate wrote gets no diagnostics,
and one with an unknown key and a value outside a vocabulary gets them at those lines. The
server comes from npm, installed once into a cache beside the test venv.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curate.repo import store
from tests.conftest import REPO, Invoke

CACHE = Path(sys.prefix) / "yaml-language-server"
VERSION = "1.25.0"
WAIT = 120.0  # a guard against a hung server, never a pause: replies end every wait early


@pytest.fixture(scope="module")
def server_command() -> list[str]:
    script = CACHE / "node_modules/yaml-language-server/bin/yaml-language-server"
    if not script.is_file():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install yaml-language-server"
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
             "--loglevel=error", f"yaml-language-server@{VERSION}"],
            check=True, capture_output=True,
        )  # fmt: skip
    node = shutil.which("node")
    assert node, "node is needed to run yaml-language-server"
    return [node, str(script), "--stdio"]


class Client:
    """Just enough of an LSP client: framed JSON-RPC, answering the server's requests."""

    def __init__(self, command: list[str]) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)
        self.buffer = b""
        self.next_id = 0
        self.settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        for message in self.messages():
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
        return None

    def messages(self) -> Iterator[dict[str, Any]]:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    message = json.loads(rest[:length])
                    self._answer(message)
                    yield message
                    continue
            if self.selector.select(deadline - time.monotonic()):
                assert self.proc.stdout is not None
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                assert chunk, "yaml-language-server exited"
                self.buffer += chunk
        raise AssertionError("no answer from yaml-language-server")

    def _answer(self, message: dict[str, Any]) -> None:
        if "method" not in message or "id" not in message:
            return
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [
                self.settings.get(item.get("section", ""), self.settings)
                for item in message["params"]["items"]
            ]
        self.send({"id": message["id"], "result": result})

    def diagnostics(self, path: Path) -> list[dict[str, Any]]:
        """The first diagnostics the server publishes for a file it is now given."""
        uri = path.as_uri()
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text()}}})  # fmt: skip
        for message in self.messages():
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params["uri"] == uri:
                return list(params["diagnostics"])
        return []

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.fixture
def client(server_command: list[str], tmp_path: Path) -> Iterator[Client]:
    lsp = Client(server_command)
    lsp.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                               "capabilities": {"workspace": {"configuration": True}}})  # fmt: skip
    lsp.send({"method": "initialized", "params": {}})
    lsp.send({"method": "workspace/didChangeConfiguration", "params": {"settings": lsp.settings}})
    yield lsp
    lsp.close()


@pytest.mark.parametrize("own_schemas", [True, False])
def test_the_editor_finds_the_schema_and_places_its_diagnostics(
    cli: Invoke, client: Client, tmp_path: Path, own_schemas: bool
) -> None:
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    if own_schemas:
        shutil.copytree(REPO / "schemas", root / "schemas", symlinks=True)
    args = ["--root", str(root)]
    good = root / "data/compounds/zinc.yaml"
    store.write_record(root, "compound", store.load_record(good), overwrite=True)
    cli([*args, "lint", "--fix"])  # the other records' modelines, for a root without schemas/
    assert cli([*args, "lint", "--strict"]).exit_code == 0  # lint agrees it is all in order
    bad = root / "data/compounds/bad_one.yaml"
    bad.write_text(
        good.read_text()
        .replace("id: zinc\n", "id: bad_one\n")
        .replace("status: supplement\n", "status: aproved\nsuport_scope: []\n")
    )
    lines = bad.read_text().splitlines()
    found = client.diagnostics(bad)
    at = sorted((d["range"]["start"]["line"] + 1, d["message"]) for d in found)
    assert [line for line, _ in at] == [
        lines.index("status: aproved") + 1,
        lines.index("suport_scope: []") + 1,
    ], at
    assert "suport_scope" in at[1][1]
    assert client.diagnostics(good) == []

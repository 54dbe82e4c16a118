"""Shared fixtures: the repository, the evaluation data in ../shared and the CLI binary."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("SAYWHO_SHARED", ROOT.parent / "shared"))


def shared_file(relative: str) -> Path:
    """A file of ../shared, or a skip with a message when it is absent."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is absent (the evaluation data lives in ../shared)")
    return path


@pytest.fixture(scope="session")
def cli() -> str:
    """The `saywho` binary: $SAYWHO_CLI, else target/release or target/debug (built by
    `cargo test --workspace`), else `saywho` on PATH."""
    candidates = [os.environ.get("SAYWHO_CLI")] + [
        str(ROOT / "target" / p / "saywho") for p in ("release", "debug")
    ]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    found = shutil.which("saywho")
    if found:
        return found
    pytest.skip("no saywho binary (build it with `cargo build -p saywho-cli` or set SAYWHO_CLI)")


def run_cli(cli: str, *args: str) -> str:
    """The CLI's standard output (it exits 1 when a document failed, which is not an error here)."""
    done = subprocess.run([cli, *args], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout

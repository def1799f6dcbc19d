"""scripts/setup_env.py (what `make fit` / `make test` run first): the stamp, the torch source, the diagnoses."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "setup_env.py"


@pytest.fixture()
def setup_env(tmp_path, monkeypatch):  # noqa: ANN001, ANN201 - the script as a module, pointed at a scratch project
    spec = importlib.util.spec_from_file_location("setup_env", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    venv, state = tmp_path / ".venv", tmp_path / ".venv" / ".setup"
    for name, value in {"ROOT": tmp_path, "VENV": venv, "STATE": state, "READY": state / "ready.json",
                        "CREATING": state / "creating", "MADE_HERE": state / "made-here"}.items():
        monkeypatch.setattr(module, name, value)
    return module


# What pip and Debian's python print, as they print it (wrapped lines included).
OUTPUTS = {
    "disk": "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device",
    "network": "WARNING: Retrying (Retry(total=0...)) after connection broken by 'NewConnectionError('<...>: Failed "
               "to establish a new connection: [Errno -2] Name or service not known')': /whl/cpu/torch/\n"
               "ERROR: No matching distribution found for torch==2.13.0",
    "venv": "The virtual environment was not created successfully because ensurepip is not\navailable.  On "
            "Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.",
    "version": "ERROR: Could not find a version that satisfies the requirement torch==9.9.9 (from versions: 2.13.0)\n"
               "ERROR: No matching distribution found for torch==9.9.9",
    "unknown": "error: subprocess-exited-with-error",
}


@pytest.mark.parametrize("kind", list(OUTPUTS))
def test_each_failure_is_named_with_its_fix(setup_env, kind):
    assert setup_env.diagnose(OUTPUTS[kind]) == kind
    assert setup_env.FIXES[kind]


def test_the_stamp_is_trusted_only_for_the_same_pyproject_and_the_extras_it_covers(setup_env):
    python = setup_env.venv_python()
    python.parent.mkdir(parents=True)
    python.write_text("")
    assert not setup_env.is_ready(set())  # no stamp: a setup that never finished
    setup_env.STATE.mkdir(parents=True)
    setup_env.READY.write_text(json.dumps({"hash": setup_env.setup_hash(), "extras": ["dev"]}))
    assert setup_env.is_ready(set()) and setup_env.is_ready({"dev"})
    assert not setup_env.is_ready({"dev", "bench"})
    (setup_env.ROOT / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2"\n')
    assert not setup_env.is_ready(set())  # pyproject.toml changed: set up again


@pytest.mark.parametrize(("platform", "local", "index", "expected"), [
    ("linux", "2.13.0+cpu", None, ["torch==2.13.0+cpu"]),  # a wheel on this disk, taken as is
    ("linux", None, None, ["torch==2.13.0", "--index-url", "https://download.pytorch.org/whl/cpu"]),
    ("darwin", None, None, ["torch==2.13.0"]),  # PyPI's macOS wheel is a CPU build
    ("linux", None, "https://example.invalid/cu128", ["torch==2.13.0", "--index-url", "https://example.invalid/cu128"]),
])
def test_torch_is_always_pinned_and_a_cpu_build_on_linux(setup_env, monkeypatch, platform, local, index, expected):
    commands = []
    monkeypatch.setattr(setup_env, "run", lambda step, command, **kw: commands.append(command) or "")
    monkeypatch.setattr(setup_env, "installed_version", lambda name: None)
    monkeypatch.setattr(setup_env, "local_torch", lambda: local)
    monkeypatch.setattr(setup_env.sys, "platform", platform)
    if index:
        monkeypatch.setenv("TORCH_INDEX", index)
    setup_env.install_torch()
    (command,) = commands
    assert command[command.index("install") + 2:] == expected


def test_an_installed_torch_of_the_pinned_version_is_kept(setup_env, monkeypatch):
    monkeypatch.setattr(setup_env, "installed_version", lambda name: "2.13.0+cpu")
    monkeypatch.setattr(setup_env, "run", lambda *args, **kw: pytest.fail("reinstalled torch"))
    setup_env.install_torch()

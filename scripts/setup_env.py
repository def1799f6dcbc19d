"""Set up `.venv` for `make fit` / `make test`: once, step by step, and skipped when already done.

Run by the Makefile with the system's python3 (standard library only). Steps: check python, create
the venv, install a CPU build of torch, install the project with the extras asked for, and (for the
tests) find Debian's chromium. Each finished setup is stamped in `.venv/.setup/ready.json` with the
hash of pyproject.toml and the torch pin, written last: a setup stopped half-way (no network, disk
full, Ctrl-C) leaves no stamp, so the next run does the unfinished steps again instead of trusting
them. A venv this script began and did not finish is marked `.venv/.setup/creating` and made anew.

Where torch comes from, in order: `TORCH_INDEX` if you set it (e.g. a CUDA index); a wheel of the
pinned version that pip finds without an index (a find-links folder, as on the project's build
machines); on Linux, PyTorch's CPU index (PyPI's Linux wheel is a multi-GB CUDA build); elsewhere
PyPI, whose macOS and Windows wheels are CPU builds. Never an unpinned `torch`.

    python3 scripts/setup_env.py                       # what `make fit` needs
    python3 scripts/setup_env.py --extras dev --chromium   # what `make test` needs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STATE = VENV / ".setup"
READY = STATE / "ready.json"
CREATING = STATE / "creating"
MADE_HERE = STATE / "made-here"  # `make clean` removes only a venv this script made
TORCH_VERSION = os.environ.get("TORCH_VERSION", "2.13.0")
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
MIN_PYTHON = (3, 10)
MIN_FREE_GB = 3.0  # torch's CPU wheel and the rest come to about 2 GB installed, plus pip's unpacking

FIXES = {
    "disk": "free some disk space (df -h {root}: the venv needs about 3 GB while it installs) and run it again",
    "network": "pip could not reach the package index: check the network or proxy (pip config list); "
               "offline, put the wheels in a folder and set PIP_FIND_LINKS=that/folder PIP_NO_INDEX=1",
    "venv": "python3 has no venv/ensurepip: on Debian/Ubuntu `apt-get install python3-venv` "
            "(or python3.X-venv); or set up your own environment (README: Manual install)",
    "version": "no torch=={torch} for this Python and platform there: choose another with "
               "TORCH_VERSION=... or TORCH_INDEX=... (https://pytorch.org/get-started/locally/)",
    "unknown": "read the lines above; after fixing it, run the same make target again",
}
NETWORK_SIGNS = ("Failed to establish a new connection", "Temporary failure in name resolution",
                 "Name or service not known", "Network is unreachable", "Connection refused", "ProxyError",
                 "Max retries exceeded", "ConnectTimeoutError", "Read timed out", "SSLError",
                 "nodename nor servname provided")


def diagnose(output: str) -> str:
    """Which known failure a step's output shows: disk, network, venv, version, or unknown."""
    output = " ".join(output.split())  # messages wrap ("ensurepip is not\navailable")
    if "No space left on device" in output or "Errno 28" in output:
        return "disk"
    if "ensurepip is not available" in output or "No module named venv" in output \
            or "No module named ensurepip" in output:
        return "venv"
    if any(sign in output for sign in NETWORK_SIGNS):
        return "network"
    if "No matching distribution found for torch" in output or "Could not find a version that satisfies the " \
            "requirement torch" in output:
        return "version"
    return "unknown"


class StepFailed(Exception):
    def __init__(self, step: str, kind: str, detail: str = "") -> None:
        super().__init__(step)
        self.step, self.kind, self.detail = step, kind, detail


def say(message: str) -> None:
    print(f"setup: {message}", flush=True)


def run(step: str, command: list[str], **kwargs: object) -> str:
    """Run one command of a step, its output shown as it comes and kept for the diagnosis."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   cwd=ROOT, **kwargs)
    except OSError as error:
        raise StepFailed(step, "unknown", f"{command[0]}: {error}") from error
    lines = []
    for line in process.stdout:
        lines.append(line)
        sys.stdout.write(f"  {line}")
    sys.stdout.flush()
    output = "".join(lines)
    if process.wait() != 0:
        raise StepFailed(step, diagnose(output), f"{' '.join(command)} exited with {process.returncode}")
    return output


def quiet(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def setup_hash() -> str:
    """What a finished setup depends on: pyproject.toml and the torch pin."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(f"torch=={TORCH_VERSION} {os.environ.get('TORCH_INDEX', '')}".encode())
    return digest.hexdigest()[:16]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def is_ready(extras: set[str]) -> bool:
    try:
        stamp = json.loads(READY.read_text())
    except (OSError, ValueError):
        return False
    return stamp.get("hash") == setup_hash() and extras <= set(stamp.get("extras", ())) and venv_python().exists()


def check_python(python: str) -> None:
    found = quiet([python, "-c", "import sys; print(*sys.version_info[:2])"])
    if found.returncode != 0:
        raise StepFailed("python", "unknown", f"{python} does not run: install Python >= 3.10, or make PYTHON=...")
    version = tuple(int(x) for x in found.stdout.split())
    if version < MIN_PYTHON:
        raise StepFailed("python", "unknown", f"{python} is Python {'.'.join(map(str, version))}; the project needs "
                         f">= 3.10: make PYTHON=python3.11 (or any python3 >= 3.10)")
    if quiet([python, "-c", "import venv, ensurepip"]).returncode != 0:
        raise StepFailed("python", "venv", f"{python} cannot create a venv (no venv or ensurepip module)")
    free_gb = shutil.disk_usage(ROOT).free / 1024**3
    if not venv_python().exists() and free_gb < MIN_FREE_GB:
        raise StepFailed("python", "disk", f"{free_gb:.1f} GB free where .venv goes; it needs about {MIN_FREE_GB:.0f}")


def create_venv(python: str) -> None:
    """A new .venv, or the one that is there when it works (a venv someone made by hand is used, not replaced)."""
    if VENV.exists() and CREATING.exists():
        say(".venv was left half-made by an earlier setup: making it again")
        shutil.rmtree(VENV)
    if VENV.exists():
        if quiet([str(venv_python()), "-m", "pip", "--version"]).returncode == 0:
            return
        raise StepFailed("venv", "unknown", f"{VENV} exists but has no working python with pip: remove it "
                         "(make clean) or repair it, then run again")
    say(f"[venv] creating {VENV.name} with {python}")
    STATE.mkdir(parents=True)
    CREATING.touch()  # before the venv exists whole; removed once it does
    MADE_HERE.touch()
    run("venv", [python, "-m", "venv", str(VENV)])
    pip = quiet([str(venv_python()), "-m", "pip", "--version"])
    if pip.returncode != 0:
        raise StepFailed("venv", "venv", pip.stderr.strip()[-300:])
    version = tuple(int(x) for x in pip.stdout.split()[1].split(".")[:2])
    if version < (22, 2):  # --dry-run, used below to look for a local torch wheel
        run("venv", [str(venv_python()), "-m", "pip", "install", "-q", "--upgrade", "pip>=23"])
    CREATING.unlink()


def installed_version(name: str) -> str | None:
    found = quiet([str(venv_python()), "-c", f"import importlib.metadata as m; print(m.version({name!r}))"])
    return found.stdout.strip() if found.returncode == 0 else None


def local_torch() -> str | None:
    """The exact version (e.g. 2.13.0+cpu) of a pinned torch wheel pip can take without an index, if any."""
    probe = quiet([str(venv_python()), "-m", "pip", "install", "--dry-run", "--no-index", "--no-deps",
                   "--ignore-installed", "-q", "--report", "-", f"torch=={TORCH_VERSION}"])
    if probe.returncode != 0:
        return None
    try:
        return json.loads(probe.stdout)["install"][0]["metadata"]["version"]
    except (ValueError, KeyError, IndexError):
        return None


def install_torch() -> None:
    have = installed_version("torch")
    if have is not None and have.split("+")[0] == TORCH_VERSION:
        say(f"[torch] torch {have} is installed")
        return
    pip = [str(venv_python()), "-m", "pip", "install", "-q"]
    index = os.environ.get("TORCH_INDEX")
    local = None if index else local_torch()
    if index:
        say(f"[torch] torch=={TORCH_VERSION} from TORCH_INDEX={index}")
        command = [*pip, f"torch=={TORCH_VERSION}", "--index-url", index]
    elif local:
        say(f"[torch] torch=={local} (found on this machine's disk)")
        command = [*pip, f"torch=={local}"]
    elif sys.platform.startswith("linux"):
        say(f"[torch] torch=={TORCH_VERSION}, CPU build, from PyTorch's CPU index (PyPI's Linux wheel is CUDA, "
            "several GB)")
        command = [*pip, f"torch=={TORCH_VERSION}", "--index-url", CPU_INDEX]
    else:
        say(f"[torch] torch=={TORCH_VERSION} from PyPI (a CPU build on {sys.platform})")
        command = [*pip, f"torch=={TORCH_VERSION}"]
    run("torch", command)


def install_project(extras: set[str]) -> None:
    target = f".[{','.join(sorted(extras))}]" if extras else "."
    say(f"[project] pip install -e '{target}'")
    run("project", [str(venv_python()), "-m", "pip", "install", "-q", "-e", target])


def find_chromium() -> None:
    """Debian's chromium for the web page's test: installed when root, else one line on how to get it."""
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("[chromium] apt-get install chromium (for the web page's test)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("chromium", ["apt-get", "update", "-qq"], env=env)
        run("chromium", ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "chromium"], env=env)
        return
    say("[chromium] not installed, and this is not root: the web page's test will be skipped "
        "(install it with `sudo apt-get install chromium`, or your system's chromium package)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extras", default="", help="comma-separated extras of pyproject.toml (dev, bench)")
    parser.add_argument("--chromium", action="store_true", help="also make sure Debian's chromium is there")
    parser.add_argument("--python", default=os.environ.get("PYTHON", "python3"), help="the python to make the venv")
    args = parser.parse_args(argv)
    extras = {e.strip() for e in args.extras.split(",") if e.strip()}
    try:
        if is_ready(extras):
            say(f"{VENV.name} is set up (pyproject.toml unchanged since; `make clean` starts over)")
        else:
            check_python(args.python)
            create_venv(args.python)
            install_torch()
            install_project(extras)
            STATE.mkdir(exist_ok=True)
            stamp = json.loads(READY.read_text()) if READY.exists() else {}
            if stamp.get("hash") == setup_hash():
                extras |= set(stamp.get("extras", ()))
            torch = installed_version("torch")
            READY.write_text(json.dumps({"hash": setup_hash(), "extras": sorted(extras), "torch": torch}) + "\n")
            say(f"{VENV.name} is ready (torch {torch}, extras: {', '.join(sorted(extras)) or '-'})")  # stamped last
        if args.chromium:
            find_chromium()
    except StepFailed as failure:
        print(f"\nsetup failed at step '{failure.step}': {failure.detail}", file=sys.stderr)
        if failure.kind == "disk" and MADE_HERE.exists():  # ours, and half-installed: give its space back
            shutil.rmtree(VENV, ignore_errors=True)
            print(f"removed the half-made {VENV.name} to free its space", file=sys.stderr)
        print(f"how to fix: {FIXES[failure.kind].format(root=ROOT, torch=TORCH_VERSION)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nsetup interrupted: the unfinished steps run again next time", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

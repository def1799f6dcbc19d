"""What this machine has, and the settings that follow from it (batch size, workers, precision).

Everything here is a pure function of the figures it is given, so the policy can be tested
against any machine; the readings below (`machine_info`, `available_ram_bytes`, `process_rss`,
`peak_rss_bytes`) are the one place that asks psutil, the OS and torch what the machine has.
"""

from __future__ import annotations

import contextlib
import os
import platform
import resource
import sys
from dataclasses import dataclass

import psutil
import torch

GB = 1024**3

# The original guide's table: batch size by available RAM (< 8 GB, 8-16 GB, > 16 GB), per mode.
BATCH_TABLE: dict[str, tuple[int, int, int]] = {
    "quick": (4, 8, 16),
    "standard": (2, 4, 8),
    "full": (2, 4, 8),
}


@dataclass(frozen=True)
class MachineInfo:
    cpu_cores: int
    ram_total_bytes: int
    ram_available_bytes: int
    accelerator: str  # "cuda", "mps" or "cpu"
    gpu_name: str | None = None
    gpu_free_bytes: int | None = None
    bf16_supported: bool = False


def cpu_cores() -> int:
    """Cores this process may use (cgroup/affinity aware where the OS says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def machine_info() -> MachineInfo:
    memory = psutil.virtual_memory()
    if torch.cuda.is_available():
        free, _ = torch.cuda.mem_get_info()
        return MachineInfo(
            cpu_cores(), memory.total, memory.available, "cuda",
            torch.cuda.get_device_name(), free, torch.cuda.is_bf16_supported(),
        )
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return MachineInfo(cpu_cores(), memory.total, memory.available, "mps")
    return MachineInfo(cpu_cores(), memory.total, memory.available, "cpu")


def available_ram_bytes() -> int:
    return psutil.virtual_memory().available


def process_rss(include_children: bool = True, process: psutil.Process | None = None) -> int:
    """Resident memory of a process (this one by default) and, optionally, its children (loader workers)."""
    process = process or psutil.Process()
    rss = process.memory_info().rss
    if include_children:
        for child in process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                rss += child.memory_info().rss
    return rss


def peak_rss_bytes() -> int:
    """The OS's own record of this process's peak resident memory.

    On Linux, VmHWM: the high-water mark of this process image. (ru_maxrss would also carry the
    parent's size across fork and exec, so a fit launched from a big process would look big.)
    """
    if sys.platform.startswith("win"):
        return psutil.Process().memory_info().peak_wset
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux kilobytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def auto_num_workers(cores: int) -> int:
    """The guide's rule: a worker process per two cores, at most two; 0 on a single core."""
    return min(2, cores // 2)


def auto_precision(info: MachineInfo) -> str:
    """fp32 on CPU (mixed precision is slower there); bf16 mixed where the GPU has it, else fp16."""
    if info.accelerator == "cuda":
        return "bf16-mixed" if info.bf16_supported else "16-mixed"
    return "32-true"


@dataclass(frozen=True)
class BatchDecision:
    batch_size: int
    policy: str  # "user", "table", "measured" or "gpu"
    reason: str


def table_batch_size(mode: str, available_bytes: int) -> int:
    small, medium, large = BATCH_TABLE.get(mode, BATCH_TABLE["standard"])
    gb = available_bytes / GB
    return small if gb < 8 else medium if gb <= 16 else large


def choose_batch_size(
    mode: str,
    available_bytes: int,
    *,
    user_batch_size: int | None = None,
    bytes_per_sample: float | None = None,
    fixed_bytes: int = 0,
    cap: int = 32,
    safe_share: float = 0.5,
) -> BatchDecision:
    """Pick a batch size from free memory (RAM, or GPU memory when training on a GPU).

    An explicit size always wins. With a measured cost per sample, take the largest batch up to
    `cap` whose projected peak (`fixed_bytes + batch * bytes_per_sample`) stays within
    `safe_share` of what is free; without one, fall back to the original guide's table.
    """
    gb = available_bytes / GB
    if user_batch_size is not None:
        if user_batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {user_batch_size}")
        return BatchDecision(user_batch_size, "user", f"set by you (--data.batch_size {user_batch_size})")
    table = table_batch_size(mode, available_bytes)
    if not bytes_per_sample:
        return BatchDecision(table, "table", f"based on {gb:.1f} GB available RAM, {mode} table")
    budget = safe_share * available_bytes - fixed_bytes
    fits = int(budget // bytes_per_sample) if budget > 0 else 0
    size = max(1, min(cap, fits))
    limit = "the cap" if fits >= cap else f"{safe_share:.0%} of {gb:.1f} GB free"
    return BatchDecision(
        size,
        "measured",
        f"measured {bytes_per_sample / 1024**2:.1f} MB per sample; largest batch within {limit} "
        f"(table would give {table})",
    )


def native_bf16() -> bool | None:
    """Whether this CPU computes bf16 natively (AVX512-BF16 or AMX tiles); None where torch does not say.

    torch reads CPUID for x86 only; elsewhere (ARM's BF16 extension, for one) the timing decides alone.
    """
    if platform.machine().lower() not in ("x86_64", "amd64", "i386", "i686"):
        return None
    checks = [getattr(torch.cpu, name, None) for name in ("_is_avx512_bf16_supported", "_is_amx_tile_supported")]
    checks = [check for check in checks if callable(check)]
    if not checks:
        return None
    try:
        return any(check() for check in checks)
    except RuntimeError:
        return None

"""Peak memory and machine facts that give a speed figure its context."""

from __future__ import annotations

import os
import platform
import resource
import sys
from pathlib import Path
from typing import Any


class PeakMemory:
    """Peak resident memory of this process inside the block (Linux: VmHWM after resetting it)."""

    def __init__(self) -> None:
        self.peak_rss_mb = 0.0
        self.peak_gpu_mb: float | None = None
        self._reset = False

    def __enter__(self) -> "PeakMemory":
        try:
            # Writing 5 to clear_refs resets the peak RSS counter (VmHWM) of this process.
            Path("/proc/self/clear_refs").write_text("5")
            self._reset = True
        except OSError:
            self._reset = False
        if "torch" in sys.modules:
            import torch

            if torch.cuda.is_available():
                torch.cuda.reset_peak_memory_stats()
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak_rss_mb = _vm_hwm_mb() if self._reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if "torch" in sys.modules:
            import torch

            if torch.cuda.is_available() and torch.cuda.max_memory_allocated() > 0:
                self.peak_gpu_mb = round(torch.cuda.max_memory_allocated() / 2**20, 1)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return round(_vm_hwm_mb(), 1)


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_info(threads: int = 0) -> dict[str, Any]:
    """CPU, cores, memory, GPU and library versions: the context a speed figure needs."""
    import ctranslate2
    import torch
    import transformers

    from summarizer.engines.ctranslate2_engine import usable_cpu_cores

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "usable_cores": usable_cpu_cores(),
        "threads_setting": threads,
        "memory_gb": memory_gb,
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__,
    }


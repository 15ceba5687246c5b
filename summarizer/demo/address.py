"""Check that the demo can serve on --host/--port before anything slow (gradio, torch, models) loads."""

from __future__ import annotations

import errno
import socket

from summarizer.errors import ConfigError


def check_address(host: str, port: int) -> None:
    """Bind (host, port) once and release it; ConfigError naming --host or --port when that cannot work.

    Mirrors how the server binds (SO_REUSEADDR), so a port it could use is never refused here.
    """
    try:
        candidates = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise ConfigError(f"--host {host} is not an address or host name of this machine; pass another --host (e.g. 127.0.0.1)") from None
    family, kind, proto, _name, address = candidates[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} is in use; pass another --port") from None
        if exc.errno == errno.EACCES:
            raise ConfigError(f"port {port} needs administrator rights on this machine; pass another --port (1024 or above)") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise ConfigError(f"--host {host} is not an address of this machine; pass another --host (e.g. 127.0.0.1)") from None
        raise ConfigError(f"cannot serve on {host} port {port} ({exc.strerror or exc}); pass another --host or --port") from None

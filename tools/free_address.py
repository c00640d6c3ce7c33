"""Say clearly, before `make serve` spends a build, that its address is taken or malformed.

    python tools/free_address.py 127.0.0.1:8000

MkDocs would build the whole site first and then stop with a traceback
(`OSError: [Errno 98] Address already in use`). This binds the address the way
its server does (with SO_REUSEADDR, so a port in TIME_WAIT counts as free) and
lets it go at once.
"""

from __future__ import annotations

import errno
import socket
import sys


def problem(address: str) -> str | None:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return f"ADDR={address} is not an address such as 127.0.0.1:8000"
    try:
        family = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        return f"ADDR={address}: the host {host} is unknown ({error.strerror})"
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"{address} is in use (another `make serve`?); choose another port: make serve ADDR={host}:{int(port) + 1}"
            return f"cannot listen on {address}: {error.strerror}"
    return None


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/free_address.py HOST:PORT")
    found = problem(sys.argv[1])
    if found:
        sys.exit(f"make serve: {found}")

"""Fetch a news page from a URL without letting the URL reach inside the network (SSRF-safe).

Every hop is checked: http/https only, the host name is resolved and *every* address it resolves to must be
public (no loopback, private, link-local, multicast, reserved or cloud-metadata address), the connection goes
to the address that was checked (no second DNS lookup an attacker could rebind), redirects are followed by
hand up to a hop limit and re-checked, and the body is refused when too large, too slow or not text/HTML.
One deadline covers the whole fetch (connects, headers, body, redirects) and one byte cap the body.

    page = fetch_url("https://www.example.co.kr/news/1")
    result = pipeline.run(page.body_for_pipeline(), url=page.url)
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from summarizer.errors import InputError, InputTooLargeError
from summarizer.textio import decode_bytes

ALLOWED_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# Cloud instance-metadata endpoints; some (Azure wireserver, Oracle) are not in any private range.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "168.63.129.16",  # Azure wireserver
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "fd00:ec2::254",  # AWS IPv6
    )
)
METADATA_HOSTNAMES = frozenset({"metadata", "metadata.google.internal", "metadata.goog", "instance-data"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UrlFetchError(InputError):
    """The page at a URL could not be fetched (network error, HTTP error, timeout, wrong content type)."""


class UrlNotAllowedError(UrlFetchError):
    """The URL points somewhere the demo must not go (not http/https, or a non-public address)."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for fetching one page.

    Attributes:
        max_bytes: Largest body accepted (larger bodies are refused, not truncated).
        timeout_s: The budget for the whole fetch, redirects included (every socket wait gets the time left).
        max_redirects: Redirect hops followed before giving up.
        allow_loopback: Tests only: lets a local http.server on 127.0.0.1 be fetched. Never set in the app.
    """

    max_bytes: int = 2 * 1024 * 1024
    timeout_s: float = 10.0
    max_redirects: int = 5
    allow_loopback: bool = False
    user_agent: str = "korean-news-summarizer/0.1 (+demo; fetches one page on request)"


@dataclass(frozen=True)
class FetchTarget:
    """A URL that passed the address policy, and the checked address to connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str
    request_target: str  # path + query, as sent in the request line


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the final URL after redirects, the raw body and what the server said it is."""

    url: str
    body: bytes
    content_type: str
    charset: str | None

    def body_for_pipeline(self) -> str | bytes:
        """Text when the server declared a charset (decoded with it), else the raw bytes for the cleaner to sniff."""
        if self.charset:
            try:
                return decode_bytes(self.body, declared=self.charset)
            except InputError:
                return self.body
        return self.body


def refusal_reason(address: str, policy: FetchPolicy = FetchPolicy()) -> str | None:
    """Why an IP address must not be fetched (e.g. "a private address"), or None when it is public.

    IPv4 addresses embedded in IPv6 (mapped, 6to4, Teredo, NAT64) are judged by the IPv4 address they carry.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    ip = _embedded_ipv4(ip) or ip
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_loopback:
        return None if policy.allow_loopback else "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a non-public address"  # e.g. 100.64.0.0/10 carrier-grade NAT
    return None


def check_url(url: str, policy: FetchPolicy = FetchPolicy()) -> FetchTarget:
    """Validate a URL and resolve its host; raise UrlNotAllowedError unless every address is public.

    Args:
        url: An absolute http:// or https:// URL.
        policy: Limits; only allow_loopback matters here.

    Returns:
        The target with the first checked address, to connect to without resolving again.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UrlNotAllowedError(f"not a valid URL: {_short(url)}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlNotAllowedError(f"only http:// and https:// URLs can be fetched, not {_short(url)}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UrlNotAllowedError(f"the URL has no host name: {_short(url)}")
    if host in METADATA_HOSTNAMES or host == "localhost" or host.endswith(".localhost"):
        if not (policy.allow_loopback and host == "localhost"):
            raise UrlNotAllowedError(f"refusing to fetch {_short(url)}: {host} is an internal host name")
    port = port or (443 if scheme == "https" else 80)
    addresses = _resolve(host, port)
    for address in addresses:
        reason = refusal_reason(address, policy)
        if reason:
            raise UrlNotAllowedError(f"refusing to fetch {_short(url)}: {host} resolves to {address}, {reason}")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return FetchTarget(url=url, scheme=scheme, host=host, port=port, address=addresses[0], request_target=target)


def fetch_url(url: str, policy: FetchPolicy = FetchPolicy()) -> FetchedPage:
    """GET a news page, following redirects by hand and checking every hop against the address policy.

    Args:
        url: An absolute http:// or https:// URL.
        policy: Size, time and redirect limits.

    Returns:
        The page body (at most policy.max_bytes) with its final URL and declared content type.

    Raises:
        UrlNotAllowedError: A hop is not http/https or resolves to a non-public address.
        UrlFetchError: Network or HTTP error, timeout, too many redirects, or not an HTML/text page.
        InputTooLargeError: The body is larger than policy.max_bytes.
    """
    deadline = _Deadline(policy)
    current = url.strip()
    for _hop in range(policy.max_redirects + 1):
        target = check_url(current, policy)
        status, headers, response, connection, timer = _request(target, policy, deadline)
        try:
            if status in REDIRECT_STATUSES:
                location = headers.get("Location")
                if not location:
                    raise UrlFetchError(f"{_short(current)} answered HTTP {status} without a Location header")
                current = urljoin(current, location.strip())
                continue
            if status != 200:
                raise UrlFetchError(f"{_short(current)} answered HTTP {status} {response.reason}".rstrip())
            content_type, charset = _content_type(headers)
            if content_type not in ALLOWED_CONTENT_TYPES:
                shown = content_type or "no content type"
                raise UrlFetchError(f"{_short(current)} is {shown}, not an HTML or text page")
            body = _read_body(response, connection, headers, policy, deadline, current)
            return FetchedPage(url=current, body=body, content_type=content_type, charset=charset)
        finally:
            timer.cancel()
            connection.close()
    raise UrlFetchError(f"too many redirects (more than {policy.max_redirects}) starting at {_short(url)}")


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlFetchError(f"cannot resolve host {host}: {getattr(exc, 'strerror', None) or exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UrlFetchError(f"cannot resolve host {host}")
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to the address that passed the policy (no second DNS lookup an attacker could rebind)."""

    def __init__(self, target: FetchTarget, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.target = target

    def connect(self) -> None:
        self.sock = socket.create_connection((self.target.address, self.target.port), self.timeout)


class _PinnedTLSConnection(_PinnedConnection):
    """HTTPS to the checked address; the certificate is still verified against the host name."""

    def connect(self) -> None:
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.target.host)


class _Deadline:
    """The whole fetch's time budget: socket timeouts are the time left, and a timer shuts the socket when
    it runs out, so no server can stretch a fetch by dripping bytes (headers or body) slower than it."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.at = time.monotonic() + policy.timeout_s
        self.expired = False

    def left(self) -> float:
        return self.at - time.monotonic()

    def check(self, url: str) -> None:
        if self.expired or self.left() <= 0:
            self.expired = True
            raise self.error(url)

    def error(self, url: str) -> UrlFetchError:
        return UrlFetchError(f"timed out after {self.policy.timeout_s:g} s fetching {_short(url)}")

    def watch(self, connection: http.client.HTTPConnection) -> threading.Timer:
        """Start the timer that cuts `connection` at the deadline; cancel it when done with the connection."""

        def cut() -> None:
            self.expired = True
            sock = connection.sock
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(max(0.0, self.left()), cut)
        timer.daemon = True
        timer.start()
        return timer


def _request(
    target: FetchTarget, policy: FetchPolicy, deadline: _Deadline
) -> tuple[int, Message, http.client.HTTPResponse, http.client.HTTPConnection, threading.Timer]:
    deadline.check(target.url)
    kind = _PinnedTLSConnection if target.scheme == "https" else _PinnedConnection
    connection = kind(target, timeout=max(0.01, deadline.left()))
    timer = deadline.watch(connection)
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "identity",  # size limit applies to what we read, so no compressed bombs
        "Accept-Language": "ko,en;q=0.5",
    }
    try:
        connection.request("GET", target.request_target, headers=headers)
        response = connection.getresponse()
        deadline.check(target.url)  # the timer may have cut a dripping header short
    except UrlFetchError:
        timer.cancel()
        connection.close()
        raise
    except TimeoutError:
        timer.cancel()
        connection.close()
        raise deadline.error(target.url) from None
    except ssl.SSLError as exc:
        timer.cancel()
        connection.close()
        if deadline.expired:
            raise deadline.error(target.url) from None
        raise UrlFetchError(f"TLS error fetching {_short(target.url)}: {exc.reason or exc}") from None
    except (OSError, http.client.HTTPException) as exc:
        timer.cancel()
        connection.close()
        if deadline.expired:
            raise deadline.error(target.url) from None
        raise UrlFetchError(f"cannot fetch {_short(target.url)}: {_describe(exc)}") from None
    return response.status, response.headers, response, connection, timer


def _content_type(headers: Message) -> tuple[str, str | None]:
    message = Message()
    message["Content-Type"] = headers.get("Content-Type", "")
    content_type = message.get_content_type() if headers.get("Content-Type") else ""
    charset = message.get_param("charset")
    return content_type, (str(charset).strip() or None) if charset else None


def _read_body(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    headers: Message,
    policy: FetchPolicy,
    deadline: _Deadline,
    url: str,
) -> bytes:
    """The body, read with read1() (returns whatever one recv brings) under the time left and the byte cap."""
    too_large = InputTooLargeError(f"the page at {_short(url)} is larger than {_human_bytes(policy.max_bytes)}")
    declared = headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            deadline.check(url)
            if connection.sock is not None:
                connection.sock.settimeout(max(0.01, deadline.left()))
            chunk = response.read1(min(65536, policy.max_bytes + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > policy.max_bytes:
                raise too_large
            chunks.append(chunk)
        deadline.check(url)  # a body cut short by the deadline timer is no page
    except TimeoutError:
        raise deadline.error(url) from None
    except (OSError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise deadline.error(url) from None
        raise UrlFetchError(f"connection broke while reading {_short(url)}: {_describe(exc)}") from None
    return b"".join(chunks)


def _describe(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _human_bytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


def _short(url: str, limit: int = 120) -> str:
    # Messages stay one line and readable even for absurd URLs.
    url = " ".join(url.split())
    return url if len(url) <= limit else url[: limit - 1] + "…"

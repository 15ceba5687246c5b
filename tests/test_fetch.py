"""summarizer.fetch: the address policy (DNS faked by monkeypatching) and real HTTP against a local server only."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from summarizer import fetch
from summarizer.errors import InputError, InputTooLargeError
from summarizer.fetch import FetchPolicy, UrlFetchError, UrlNotAllowedError, check_url, fetch_url, refusal_reason

LOCAL = FetchPolicy(allow_loopback=True, timeout_s=5.0)


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]]) -> list[str]:
    """Make socket.getaddrinfo answer from table; returns the list of names looked up."""
    looked_up: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):  # noqa: ANN001
        looked_up.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        family = lambda a: socket.AF_INET6 if ":" in a else socket.AF_INET  # noqa: E731
        return [(family(a), socket.SOCK_STREAM, 6, "", (a, port)) for a in table[host]]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)
    return looked_up


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.5", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("168.63.129.16", "metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::1", "loopback"),  # 6to4 carrying 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "metadata"),  # NAT64 carrying 169.254.169.254
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert reason in (refusal_reason(address) or "")


@pytest.mark.parametrize("address", ["93.184.216.34", "211.231.99.80", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal_reason(address) is None


def test_loopback_allowed_only_when_the_test_policy_says_so() -> None:
    assert refusal_reason("127.0.0.1", LOCAL) is None
    assert refusal_reason("10.0.0.1", LOCAL) == "a private address"
    assert refusal_reason("169.254.169.254", LOCAL) == "a cloud metadata address"


@pytest.mark.parametrize(
    "url", ["ftp://news.example/a", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/", "news.example/a", ""]
)
def test_only_http_and_https_urls(url: str) -> None:
    with pytest.raises(UrlNotAllowedError, match="http"):
        check_url(url)


def test_name_resolving_to_public_address_is_allowed_and_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"news.example.kr": ["211.231.99.80"]})
    target = check_url("https://news.example.kr/view?id=7#top")
    assert (target.host, target.port, target.address, target.request_target) == (
        "news.example.kr",
        443,
        "211.231.99.80",
        "/view?id=7",
    )


@pytest.mark.parametrize(
    ("name", "addresses"),
    [
        ("internal.example", ["10.0.0.7"]),
        ("rebind.example", ["211.231.99.80", "127.0.0.1"]),  # one bad address among good ones is enough
        ("meta.example", ["169.254.169.254"]),
        ("v6.example", ["::1"]),
    ],
)
def test_name_resolving_to_non_public_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, addresses: list[str]
) -> None:
    fake_dns(monkeypatch, {name: addresses})
    with pytest.raises(UrlNotAllowedError, match=f"{name} resolves to"):
        check_url(f"http://{name}/article")


@pytest.mark.parametrize("url", ["http://localhost:8080/", "http://metadata.google.internal/computeMetadata/v1/"])
def test_internal_host_names_refused_before_any_lookup(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    looked_up = fake_dns(monkeypatch, {})
    with pytest.raises(UrlNotAllowedError, match="internal host name"):
        check_url(url)
    assert looked_up == []


def test_unresolvable_name_is_a_one_line_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {})
    with pytest.raises(UrlFetchError) as info:
        check_url("http://no-such-host.example/")
    assert isinstance(info.value, InputError)
    assert "\n" not in str(info.value)


# --- real HTTP against a local server on 127.0.0.1 (the only place tests may connect to) ---

PAGE = "<html><head><title>기사</title></head><body><p>광주광역시는 29일 비전을 선포했다.</p></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 — http.server's naming
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"missing"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # noqa: ANN002 — keep test output quiet
        pass


@pytest.fixture()
def local_server() -> Iterator[tuple[str, dict]]:
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


def test_fetches_html_and_follows_a_relative_redirect(local_server) -> None:
    base, routes = local_server
    routes["/old"] = (301, {"Location": "/news/1"}, b"")
    routes["/news/1"] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode())
    page = fetch_url(base + "/old", LOCAL)
    assert page.url == base + "/news/1"
    assert page.content_type == "text/html"
    assert page.body_for_pipeline() == PAGE


def test_declared_euc_kr_charset_is_decoded(local_server) -> None:
    base, routes = local_server
    routes["/euc"] = (200, {"Content-Type": "text/html; charset=EUC-KR"}, PAGE.encode("cp949"))
    assert fetch_url(base + "/euc", LOCAL).body_for_pipeline() == PAGE


@pytest.mark.parametrize("private", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/"])
def test_redirect_to_private_address_is_refused(local_server, private: str) -> None:
    base, routes = local_server
    routes["/go"] = (302, {"Location": private}, b"")
    with pytest.raises(UrlNotAllowedError, match="refusing to fetch"):
        fetch_url(base + "/go", LOCAL)


def test_redirect_to_another_scheme_is_refused(local_server) -> None:
    base, routes = local_server
    routes["/go"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(UrlNotAllowedError, match="only http"):
        fetch_url(base + "/go", LOCAL)


def test_loopback_server_is_refused_by_the_default_policy(local_server) -> None:
    base, routes = local_server
    routes["/news/1"] = (200, {"Content-Type": "text/html"}, PAGE.encode())
    with pytest.raises(UrlNotAllowedError, match="loopback"):
        fetch_url(base + "/news/1")


def test_redirect_loop_stops_at_the_hop_limit(local_server) -> None:
    base, routes = local_server
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(UrlFetchError, match="too many redirects"):
        fetch_url(base + "/loop", FetchPolicy(allow_loopback=True, max_redirects=3))


def test_wrong_content_type_is_refused(local_server) -> None:
    base, routes = local_server
    routes["/photo.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n")
    with pytest.raises(UrlFetchError, match="image/png, not an HTML or text page"):
        fetch_url(base + "/photo.png", LOCAL)


def test_body_over_the_size_limit_is_refused(local_server) -> None:
    base, routes = local_server
    routes["/big"] = (200, {"Content-Type": "text/plain"}, "가".encode() * 5000)
    with pytest.raises(InputTooLargeError, match="larger than"):
        fetch_url(base + "/big", FetchPolicy(allow_loopback=True, max_bytes=4096))


def test_http_error_status_is_reported(local_server) -> None:
    base, _routes = local_server
    with pytest.raises(UrlFetchError, match="HTTP 404"):
        fetch_url(base + "/nothing-here", LOCAL)


def test_slow_server_times_out() -> None:
    # A listening socket that never answers: the fetch must give up after the timeout.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(UrlFetchError, match="timed out"):
            fetch_url(f"http://127.0.0.1:{port}/", FetchPolicy(allow_loopback=True, timeout_s=0.5))


def _dripping_server(head: bytes, drip: bytes, every_s: float) -> tuple[socket.socket, threading.Event]:
    """A raw server that sends `head`, then `drip` one byte at a time every `every_s` seconds, for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(head)
                while not stop.is_set():
                    conn.sendall(drip)
                    stop.wait(every_s)
            except OSError:
                pass

    threading.Thread(target=serve, daemon=True).start()
    return listener, stop


@pytest.mark.parametrize(
    ("head", "drip"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"x"),  # body, a byte at a time
        (b"HTTP/1.1 200 OK\r\nX-Slow: ", b"y"),  # a header line that never ends
    ],
    ids=["body", "header"],
)
def test_a_dripping_server_is_cut_at_the_total_deadline(head: bytes, drip: bytes) -> None:
    import time

    listener, stop = _dripping_server(head, drip, every_s=0.02)
    port = listener.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(UrlFetchError, match="timed out after 0.6 s"):
            fetch_url(f"http://127.0.0.1:{port}/", FetchPolicy(allow_loopback=True, timeout_s=0.6, max_bytes=1 << 20))
    finally:
        stop.set()
        listener.close()
    elapsed = time.monotonic() - started
    print(f"dripping {head[:20]!r}…: refused after {elapsed:.2f} s (budget 0.6 s; under load)")
    assert elapsed < 1.5


def test_the_byte_cap_holds_without_a_content_length() -> None:
    listener, stop = _dripping_server(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + b"z" * 10_000, b"z" * 4096, every_s=0.001)
    port = listener.getsockname()[1]
    try:
        with pytest.raises(InputTooLargeError, match="larger than"):
            fetch_url(f"http://127.0.0.1:{port}/", FetchPolicy(allow_loopback=True, timeout_s=5, max_bytes=50_000))
    finally:
        stop.set()
        listener.close()


def test_connections_go_to_the_checked_address_without_patching_http_client(local_server, monkeypatch) -> None:
    base, routes = local_server
    routes["/news/1"] = (200, {"Content-Type": "text/html"}, PAGE.encode())
    port = base.rsplit(":", 1)[1]
    looked_up = fake_dns(monkeypatch, {"news.example.kr": ["127.0.0.1"], "127.0.0.1": ["127.0.0.1"]})
    page = fetch_url(f"http://news.example.kr:{port}/news/1", LOCAL)  # the name exists only in the fake DNS
    assert page.body == PAGE.encode()
    assert looked_up.count("news.example.kr") == 1  # resolved once, by the policy check; the connection used its answer

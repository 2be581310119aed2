"""How `serve` lets people in."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from salesmetrics.errors import UserError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class AuthConfig:
    """``single_user``: no sign-in, one person on this machine (an admin). ``proxy_header``:
    the header naming the user, trusted only from ``proxy_trusted`` addresses."""

    single_user: bool = False
    proxy_header: str | None = None
    proxy_trusted: tuple[Network, ...] = field(default_factory=tuple)
    session_hours: float = 12.0

    @classmethod
    def of(cls, single_user: bool = False, proxy_header: str | None = None,
           proxy_trusted: str | list[str] | None = None) -> AuthConfig:  # fmt: skip
        """Checked settings from the command line's options."""
        raw = proxy_trusted.split(",") if isinstance(proxy_trusted, str) else proxy_trusted or []
        networks = []
        for item in (r.strip() for r in raw if r.strip()):
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise UserError(f"--auth-proxy-trusted: {item!r} is not an address or network "
                                "(e.g. 10.0.0.5 or 10.0.0.0/8).") from None  # fmt: skip
        header = (proxy_header or "").strip() or None
        if header and not networks:
            raise UserError("--auth-proxy-header needs --auth-proxy-trusted: the addresses of "
                            "the proxy whose header is believed.")  # fmt: skip
        if single_user and header:
            raise UserError("--single-user and --auth-proxy-header exclude each other.")
        return cls(single_user, header, tuple(networks))

    def trusts(self, client: str | None) -> bool:
        """Whether ``client`` is a proxy whose user header is believed."""
        if not self.proxy_header or not client:
            return False
        try:
            address = ipaddress.ip_address(client)
        except ValueError:
            return False
        return any(address in network for network in self.proxy_trusted)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (what `serve --host` got) listens on this machine only."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
